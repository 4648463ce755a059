from facturo_chassis.db import run_alembic_env
from facturo_notifications.adapters.orm import Base

run_alembic_env(Base.metadata)
