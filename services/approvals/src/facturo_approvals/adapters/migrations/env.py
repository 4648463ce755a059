from facturo_approvals.adapters.orm import Base
from facturo_chassis.db import run_alembic_env

run_alembic_env(Base.metadata)
