"""What content announces; notifications and the persona's timeline will listen, content never imports
them. All are sent inside the service's transaction, so receivers share it.

content_created(item, actor)          after an item is saved (a prompt answer's too; actor may be None)
content_liked(item, actor)            after a like (not when one is taken back)
content_commented(comment, actor)     after a comment is saved
content_shared(item, actor, link)     after someone made their share link of the item
"""

from django.dispatch import Signal

content_created = Signal()
content_liked = Signal()
content_commented = Signal()
content_shared = Signal()
