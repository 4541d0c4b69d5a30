"""Encrypt generated documents at rest: the column becomes a sealed field and every row stored in
plain is encrypted with the newest data key (backward: written in plain again)."""

from django.db import migrations

import ketacover.web.sealed

_forward, _backward = ketacover.web.sealed.seal_existing_rows("DocumentRecord", "content", "cases")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_deadline_dashboard_fields"),
    ]

    operations = [
        migrations.AlterField(
            model_name="documentrecord",
            name="content",
            field=ketacover.web.sealed.SealedBinaryField(),
        ),
        migrations.RunPython(_forward, _backward),
    ]
