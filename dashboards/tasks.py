from celery import shared_task

from .services import export_run


@shared_task(acks_late=True, max_retries=0)
def run_export(job_id: int) -> None:
    export_run(job_id=job_id)
