from django.conf import settings
from django.core.exceptions import ValidationError
from rest_framework import exceptions, parsers

from core.json_validation import json_parse


class ValidatedJSONParser(parsers.JSONParser):
    """JSON bodies parsed by core.json_validation: DRF's parser recurses (a 500 on deep nesting) and lets
    through 1e999, lone surrogates and NUL characters. The body is bounded like any form body, by
    DATA_UPLOAD_MAX_MEMORY_SIZE, which Django does not apply to a stream DRF reads itself."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        body = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(body) > limit:
            raise exceptions.ParseError(f"The JSON body is larger than {limit:,} bytes.")
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json_parse(body.decode(encoding), max_bytes=None)
        except UnicodeDecodeError:
            raise exceptions.ParseError(f"The JSON body is not valid {encoding}.") from None
        except ValidationError as error:
            raise _as_api_error(error) from None


def _as_api_error(error: ValidationError) -> exceptions.APIException:
    """A problem inside a top-level key is that field's error; any other is the body's (a parse error)."""
    message = error.messages[0]
    key = (error.params or {}).get("key")
    if key is None:
        return exceptions.ParseError(message)
    return exceptions.ValidationError({key: [message]})
