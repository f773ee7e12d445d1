"""Object permissions on a persona come from its ownership or a share. The admin's object-permission pages
(now gone) could grant others that no owner ever saw nor could revoke; remove those."""

from django.db import migrations
from django.db.models import CharField, Exists, OuterRef, Q
from django.db.models.functions import Cast


def remove_grants_without_a_share(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Persona = apps.get_model("persona", "Persona")
    PersonaShare = apps.get_model("persona", "PersonaShare")
    UserObjectPermission = apps.get_model("guardian", "UserObjectPermission")
    GroupObjectPermission = apps.get_model("guardian", "GroupObjectPermission")
    content_type = ContentType.objects.filter(app_label="persona", model="persona").first()
    if content_type is None:
        return
    # guardian keeps the object's key as text
    owned = Persona.all_objects.annotate(key=Cast("pk", CharField())).filter(
        key=OuterRef("object_pk"), owner_id=OuterRef("user_id")
    )
    shared = PersonaShare.objects.annotate(key=Cast("persona_id", CharField())).filter(
        key=OuterRef("object_pk"), user_id=OuterRef("user_id")
    )
    backed = (
        Q(Exists(owned))
        | Q(permission__codename="view_persona") & Q(Exists(shared))
        | Q(permission__codename="change_persona") & Q(Exists(shared.filter(role="edit")))
    )
    UserObjectPermission.objects.filter(content_type=content_type).exclude(backed).delete()
    GroupObjectPermission.objects.filter(content_type=content_type).delete()  # shares name users only


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("guardian", "0003_remove_groupobjectpermission_guardian_gr_content_ae6aec_idx_and_more"),
        ("persona", "0004_json_without_nul"),
    ]

    operations = [migrations.RunPython(remove_grants_without_a_share, migrations.RunPython.noop)]
