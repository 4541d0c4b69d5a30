"""Repeat the case's workspace, stage, payer and assignee on its deadlines, with a
``(workspace, due)`` index, so the dashboard reads its due list in date order (existing rows are
filled from their case before the workspace becomes required); index the payers of a workspace;
and keep a stamp per workspace that changes with its cases, for the dashboard's cache."""

import django.db.models.deletion
from django.apps.registry import Apps
from django.conf import settings
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import OuterRef, Subquery


def _fill_from_cases(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    case_record = apps.get_model("cases", "CaseRecord")
    deadline_record = apps.get_model("cases", "DeadlineRecord")
    case = case_record.objects.filter(pk=OuterRef("case_id"))
    deadline_record.objects.update(
        workspace_id=Subquery(case.values("workspace_id")[:1]),
        stage=Subquery(case.values("stage")[:1]),
        payer=Subquery(case.values("payer")[:1]),
        assignee_id=Subquery(case.values("assignee_id")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="deadlinerecord",
            name="workspace",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.workspace",
            ),
        ),
        migrations.AddField(
            model_name="deadlinerecord",
            name="stage",
            field=models.CharField(default="intake", max_length=20),
        ),
        migrations.AddField(
            model_name="deadlinerecord",
            name="payer",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.AddField(
            model_name="deadlinerecord",
            name="assignee",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(_fill_from_cases, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="deadlinerecord",
            name="workspace",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="accounts.workspace",
            ),
        ),
        migrations.CreateModel(
            name="WorkspaceStamp",
            fields=[
                ("workspace_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.AddIndex(
            model_name="caserecord",
            index=models.Index(fields=["workspace", "payer"], name="case_workspace_payer"),
        ),
        migrations.AddIndex(
            model_name="deadlinerecord",
            index=models.Index(fields=["workspace", "due", "id"], name="deadline_workspace_due"),
        ),
    ]
