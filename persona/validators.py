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


# A greeting is a chat's first message; the alternates are other openings a chat may start with. Ten of
# 5,000 plain characters fit in the 64 KiB a stored JSON document may hold (core.json_validation), which
# bounds the alternates written in wider characters.
MAX_GREETING_LENGTH = 5000
MAX_ALTERNATE_GREETINGS = 10


def validate_alternate_greetings(value) -> None:
    if not isinstance(value, list):
        raise ValidationError("Alternate greetings must be a list of texts.", code="not_list")
    if len(value) > MAX_ALTERNATE_GREETINGS:
        raise ValidationError(
            f"At most {MAX_ALTERNATE_GREETINGS} alternate greetings (there are {len(value)}).",
            code="too_many",
        )
    for number, greeting in enumerate(value, start=1):
        if not isinstance(greeting, str) or not greeting.strip():
            # Not code="blank": Django would put the field's own "cannot be blank" message in its place.
            raise ValidationError(
                f"Alternate greeting {number} must be a non-blank text.", code="blank_greeting"
            )
        if len(greeting) > MAX_GREETING_LENGTH:
            raise ValidationError(
                f"Alternate greeting {number} has {len(greeting):,} characters; "
                f"at most {MAX_GREETING_LENGTH:,} are allowed.",
                code="too_long",
            )
