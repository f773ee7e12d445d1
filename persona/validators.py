from django.core.exceptions import ValidationError


def validate_not_blank(value: str) -> None:
    if isinstance(value, str) and not value.strip():
        raise ValidationError("This field cannot be blank.", code="blank")


def validate_traits(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError("Traits must be an object of trait name to a number between 0 and 1.")
    for trait, score in value.items():
        if not str(trait).strip() or len(str(trait)) > 50:
            raise ValidationError("Each trait needs a name of 1 to 50 characters.")
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
            raise ValidationError(f"Trait “{trait}” must be a number between 0 and 1.")


def validate_capabilities(value) -> None:
    if not isinstance(value, dict):
        raise ValidationError("Capabilities must be a JSON object.")
