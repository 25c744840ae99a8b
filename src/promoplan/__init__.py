"""promoplan: compile promotion playbooks into dated team schedules."""

__version__ = "0.1.0"
