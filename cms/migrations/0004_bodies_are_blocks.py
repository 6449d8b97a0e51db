from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_rich_text_bodies_to_blocks")]

    operations = [
        migrations.RemoveField(model_name="homepage", name="body"),
        migrations.RemoveField(model_name="eventpage", name="body"),
        migrations.RenameField(model_name="homepage", old_name="body_stream", new_name="body"),
        migrations.RenameField(model_name="eventpage", old_name="body_stream", new_name="body"),
    ]
