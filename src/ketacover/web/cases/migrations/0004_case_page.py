"""Keep the case page's drawn parts in the database, one row per case and variant (derived
data: drawn on a page's first view or by ``ketacover pages``, deleted with the case)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_sealed_document_content"),
    ]

    operations = [
        migrations.CreateModel(
            name="CasePage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("variant", models.CharField(max_length=100)),
                ("key", models.CharField(max_length=200)),
                ("nonce", models.CharField(max_length=32)),
                ("head", models.BinaryField()),
                ("body", models.BinaryField()),
                ("drawn_at", models.DateTimeField()),
                (
                    "case",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="pages",
                        to="cases.caserecord",
                    ),
                ),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("case", "variant"), name="case_page_variant")
                ],
            },
        ),
    ]
