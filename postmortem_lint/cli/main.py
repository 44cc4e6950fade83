"""The ``postmortem-lint`` command. Exit codes: 0 clean, 1 findings at or above the fail
level, 2 usage, config or internal errors."""

from __future__ import annotations

import sys
import traceback

import click

from postmortem_lint import __version__

EXIT_FINDINGS = 1
EXIT_ERROR = 2


class _Group(click.Group):
    """Turns every unexpected exception into a one-line message and exit code 2."""

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("postmortem-lint: interrupted", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as error:  # the contract: no traceback unless --debug
            from postmortem_lint.nlp.model import NlpUnavailable

            if isinstance(error, NlpUnavailable):  # a setup problem, not a bug: say how to fix
                click.echo(f"postmortem-lint: error: {error}", err=True)
                sys.exit(EXIT_ERROR)
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            else:
                click.echo(f"postmortem-lint: internal error: {type(error).__name__}: {error} "
                           "(run with --debug for the traceback)", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postmortem-lint")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Lint incident postmortems: blameless, quantified, timed, owned and followed up."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _register() -> None:
    from postmortem_lint.cli import check, explain, new, rules, schema

    for module in (check, rules, explain, schema, new):
        cli.add_command(module.command)
    try:  # commands added by later work register themselves the same way
        from postmortem_lint.cli import audit

        cli.add_command(audit.command)
    except ImportError:
        pass


_register()


def main() -> None:
    cli(prog_name="postmortem-lint")
