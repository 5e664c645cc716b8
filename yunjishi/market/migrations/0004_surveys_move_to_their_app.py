# The demand surveys moved to their own app, ``surveys``. Their tables are renamed to that
# app's names here and their models leave market's state; surveys' 0001 takes them over
# without touching the database, so every survey, link and answer stays where it is.

from django.db import migrations

MODELS = ["survey", "question", "choice", "surveylink", "response", "answer"]


class Migration(migrations.Migration):

    dependencies = [
        ("market", "0003_follow_review_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name=name, table=f"surveys_{name}") for name in MODELS
            ],
            state_operations=[
                # Those pointed at first go first.
                migrations.DeleteModel(name="answer"),
                migrations.DeleteModel(name="response"),
                migrations.DeleteModel(name="surveylink"),
                migrations.DeleteModel(name="choice"),
                migrations.DeleteModel(name="question"),
                migrations.DeleteModel(name="survey"),
            ],
        ),
    ]
