from celery import shared_task


@shared_task
def audit_network_data_purge() -> int:
    """Daily (beat): erase audit entries' IP addresses and user agents older than AUDIT_NETWORK_DATA_DAYS."""
    from insights.services.audit import audit_network_data_purge as purge

    return purge()
