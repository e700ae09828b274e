"""Tests of a data migration: move the database to a migration and read its models there."""

from typing import Any

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(target: tuple[str, str]) -> Apps:
    """The database migrated to `target` (forward or back), and the models as they were then."""
    MigrationExecutor(connection).migrate([target])
    return MigrationExecutor(connection).loader.project_state([target]).apps


def latest_migrations(app: str = "events") -> list[Any]:
    """The app's latest migrations, to migrate back to after a test."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes(app)
