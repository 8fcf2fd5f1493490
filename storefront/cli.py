"""Commands: flask seed-demo, flask create-staff, flask staff grant/revoke, flask release-expired,
flask purge-buyer-data, flask rq-worker."""
from __future__ import annotations

import click
from flask import Flask, current_app

from storefront.accounts.services import find_by_login
from storefront.extensions import db
from storefront.staff import permissions


def install(app: Flask) -> None:
    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True, help="Only when the database has no shop yet.")
    def seed_demo_command(if_empty: bool):
        """Load the demo sellers and products (safe to run again)."""
        import sqlalchemy as sa

        from storefront.demo.seed import seed_demo
        from storefront.shops.models import Shop

        if if_empty and db.session.scalar(sa.select(Shop.id).limit(1)) is not None:
            click.echo("The database already has shops; demo not loaded.")
            return
        added = seed_demo()
        db.session.commit()
        click.echo("Demo data loaded." if added else "Demo data already present; nothing changed.")

    @app.cli.command("create-staff")
    @click.option("--name", prompt=True)
    @click.option("--email", prompt=True)
    @click.password_option()
    def create_staff_command(name: str, email: str, password: str):
        """Make a programme staff account."""
        from storefront.accounts.models import Role
        from storefront.accounts.services import create_user, find_by_login

        if find_by_login(email) is not None:
            raise click.ClickException("An account with that e-mail already exists.")
        from storefront.accounts.services import MIN_PASSWORD
        from storefront.domain.passwords import is_common

        if len(password) < MIN_PASSWORD or is_common(password):
            raise click.ClickException(
                f"Choose a password of at least {MIN_PASSWORD} characters that is not a common one.")
        create_user(name, password, Role.STAFF, email=email)
        db.session.commit()
        click.echo(f"Staff account created for {email}.")

    @app.cli.group("staff")
    def staff_group():
        """Staff accounts: give and take permissions (admin, finance, mentor)."""

    @staff_group.command("grant")
    @click.argument("login")
    @click.argument("permission", type=click.Choice(sorted(permissions.PERMISSIONS)))
    def staff_grant_command(login: str, permission: str):
        """Give PERMISSION to the staff member who logs in with LOGIN (e-mail or phone)."""
        _change_permission(login, permission, permissions.grant)

    @staff_group.command("revoke")
    @click.argument("login")
    @click.argument("permission", type=click.Choice(sorted(permissions.PERMISSIONS)))
    def staff_revoke_command(login: str, permission: str):
        """Take PERMISSION away from the staff member who logs in with LOGIN."""
        _change_permission(login, permission, permissions.revoke)

    @app.cli.command("purge-buyer-data")
    @click.option("--days", default=90, show_default=True, help="Days after an order ended.")
    def purge_buyer_data_command(days: int):
        """Remove buyers' phone, e-mail and address from orders that ended DAYS ago (run daily)."""
        from storefront.privacy.services import purge_old_contact_details

        count = purge_old_contact_details(days)
        db.session.commit()
        click.echo(f"Contact details removed from {count} orders.")

    @app.cli.command("release-expired")
    def release_expired_command():
        """Release the stock of unpaid orders past their deadline (run every few minutes)."""
        from storefront.payments.jobs import release_expired

        changed = release_expired()
        click.echo(f"{changed} unpaid payment(s) released.")

    money = click.Group("money", help="Check the money and stock invariants.")
    app.cli.add_command(money)

    @money.command("check")
    def money_check_command():
        """Print the rows that break a money or stock rule; exit 1 if there are any."""
        from storefront.refunds.checks import run

        broken = 0
        for check, rows in run():
            if rows:
                broken += len(rows)
                click.echo(f"BROKEN {check.name}: {check.rule}")
                for row in rows:
                    click.echo(f"  {row}")
            else:
                click.echo(f"ok     {check.name}")
        if broken:
            raise SystemExit(1)

    @app.cli.command("rq-worker")
    def rq_worker_command():
        """Run an RQ worker for notifications (needs REDIS_URL)."""
        from rq import Worker

        from storefront.queue import queue

        if not current_app.config.get("REDIS_URL"):
            raise click.ClickException("REDIS_URL is not set; jobs run in-process instead.")
        Worker([queue()], connection=queue().connection).work()


def _change_permission(login: str, permission: str, change) -> None:
    """One audited change from the command line (the audit names no actor: the server's shell)."""
    user = find_by_login(login)
    if user is None or not user.is_staff:
        raise click.ClickException(f"No staff account logs in with {login!r}.")
    changed = change(user, permission)
    db.session.commit()
    click.echo(f"{user.email or user.phone}: {user.permissions or '(none)'}"
               + ("" if changed else " (unchanged)"))
