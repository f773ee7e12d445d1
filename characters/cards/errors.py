"""The one error the card layer raises: a plain sentence naming what is wrong with the file."""


class CardError(ValueError):
    """The uploaded file is not a character card we can read, or a card we cannot write.

    `str(error)` (also `error.message`) is a sentence for the person who uploaded the file, e.g.
    "The PNG is corrupt: chunk 3 (tEXt) fails its CRC check."; callers show it as is.
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
