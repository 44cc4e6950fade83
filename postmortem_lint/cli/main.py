"""The ``postmortem-lint`` command. Exit codes: 0 clean, 1 findings at or above the fail
level, 2 usage, config or internal errors."""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback

import click

from postmortem_lint import __version__

EXIT_FINDINGS = 1
EXIT_ERROR = 2


# Each command lives in postmortem_lint/cli/<name>.py as ``command`` and is imported only
# when it runs: a pre-commit ``check`` does not pay for importing ``audit``. Commands added
# by later work register themselves here the same way.
_COMMANDS = ("check", "rules", "explain", "schema", "new", "audit", "baseline", "server")


def _command_module(name: str) -> str | None:
    module = f"postmortem_lint.cli.{name}"
    return module if name in _COMMANDS and importlib.util.find_spec(module) else None


class _Group(click.Group):
    """Loads commands on first use; turns every unexpected exception into a one-line message
    and exit code 2."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.commands) | {name for name in _COMMANDS if _command_module(name)})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and (module := _command_module(name)):
            self.add_command(importlib.import_module(module).command, name)
        return self.commands.get(name)

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("postmortem-lint: interrupted", err=True)
            sys.exit(EXIT_ERROR)
        except BrokenPipeError:
            # The reader went away (`postmortem-lint rules | head`): stop quietly, and keep
            # Python from reporting the failed flush of standard output at exit.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
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


def main() -> None:
    cli(prog_name="postmortem-lint")
