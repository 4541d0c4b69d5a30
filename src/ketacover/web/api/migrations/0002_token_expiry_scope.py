"""Tokens get an expiry and a scope. Tokens made before keep working as they did (read and
write) until 90 days after they were made."""

from datetime import timedelta

from django.apps.registry import Apps
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def _expire_existing(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    token_model = apps.get_model("api", "ApiToken")
    for token in token_model.objects.all().only("id", "created_at"):
        token_model.objects.filter(pk=token.pk).update(
            expires_at=token.created_at + timedelta(days=90)
        )


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                null=True, help_text="The token opens nothing from then on."
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "Read only"), ("read_write", "Read and write")],
                default="read_write",
                max_length=20,
            ),
        ),
        migrations.RunPython(_expire_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(help_text="The token opens nothing from then on."),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "Read only"), ("read_write", "Read and write")],
                default="read",
                max_length=20,
            ),
        ),
    ]
