from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITED = ["event", "actor", "place", "source"]


def make_editor_group(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editor")
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="events", content_type__model__in=EDITED)
    )


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name="Editor").delete()


class Migration(migrations.Migration):
    """The "Editor" group: events, actors, places and sources, and nothing else."""

    dependencies = [
        ("events", "0005_data_version_and_indexes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_editor_group, remove_editor_group)]
