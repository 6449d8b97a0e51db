"""On PostgreSQL the database itself keeps the ledger append-only: a row's figures, parties
and snapshot can never be updated and no row can be deleted, whatever code runs. Only the
status columns move (services check how). SQLite (``make run``) relies on the model."""

from django.db import migrations

FORWARD = """
CREATE FUNCTION matching_transaction_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'matching_transaction rows are never deleted: void them';
    END IF;
    IF (NEW.event_id, NEW.business_id, NEW.buyer_id, NEW.meeting_id, NEW.kind, NEW.currency,
        NEW.value, NEW.idr_per_unit, NEW.usd_idr_rate, NEW.rate_date, NEW.value_idr,
        NEW.value_usd, NEW.quantity, NEW.unit, NEW.product_name, NEW.sector,
        NEW.destination_country, NEW.programme_id, NEW.deal_date, NEW.notes,
        NEW.association_id, NEW.province, NEW.scale, NEW.buyer_kind, NEW.recorded_as,
        NEW.recorded_by_id, NEW.recorded_at, NEW.replaces_id)
       IS DISTINCT FROM
       (OLD.event_id, OLD.business_id, OLD.buyer_id, OLD.meeting_id, OLD.kind, OLD.currency,
        OLD.value, OLD.idr_per_unit, OLD.usd_idr_rate, OLD.rate_date, OLD.value_idr,
        OLD.value_usd, OLD.quantity, OLD.unit, OLD.product_name, OLD.sector,
        OLD.destination_country, OLD.programme_id, OLD.deal_date, OLD.notes,
        OLD.association_id, OLD.province, OLD.scale, OLD.buyer_kind, OLD.recorded_as,
        OLD.recorded_by_id, OLD.recorded_at, OLD.replaces_id) THEN
        RAISE EXCEPTION 'matching_transaction rows are never edited: void and replace';
    END IF;
    IF OLD.status = 'void' AND NEW.status <> 'void' THEN
        RAISE EXCEPTION 'a void matching_transaction stays void';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER matching_transaction_append_only
    BEFORE UPDATE OR DELETE ON matching_transaction
    FOR EACH ROW EXECUTE FUNCTION matching_transaction_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS matching_transaction_append_only ON matching_transaction;
DROP FUNCTION IF EXISTS matching_transaction_append_only();
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
