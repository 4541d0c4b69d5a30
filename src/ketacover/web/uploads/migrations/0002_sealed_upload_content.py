"""Encrypt uploaded files at rest: the column becomes a sealed field and every row stored in
plain is encrypted with the newest data key (backward: written in plain again)."""

from django.db import migrations

import ketacover.web.sealed

_forward, _backward = ketacover.web.sealed.seal_existing_rows("Upload", "content", "uploads")


class Migration(migrations.Migration):
    dependencies = [
        ("uploads", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="upload",
            name="content",
            field=ketacover.web.sealed.SealedBinaryField(),
        ),
        migrations.RunPython(_forward, _backward),
    ]
