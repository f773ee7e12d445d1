"""What prompts announces; content and others listen, prompts never imports them.

answer_submitted(answer, actor)    after a new answer is saved (content/ publishes it as content)
answer_edited(answer, actor)       after its author changed its text within the edit window
Both are sent inside the answering transaction, so receivers share it.
"""

from django.dispatch import Signal

answer_submitted = Signal()
answer_edited = Signal()
