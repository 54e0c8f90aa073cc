"""`./opentr.sh status`."""

from __future__ import annotations

from opentr.registry import command


@command("status", timed=False)
def status(args, ctx) -> int:
    """Target, current revision, head, pending revisions, and whether the schema is head's: exit 0 when
    it is, 2 when it differs, 1 when it could not be compared."""
    from opentr.parity import compare_live_with_head
    from opentr.target import ALEMBIC_INI
    from schemaparity.pg.migrate import script_directory
    from schemaparity.pg.urls import hide_password
    from schemaparity.render import render_text
    from schemaparity.result import EXIT_DRIFT, EXIT_IDENTICAL
    from schemaparity.sources import read_stamp

    url = ctx.target_url()
    script = script_directory(ALEMBIC_INI)
    current, head = read_stamp(url), ", ".join(script.get_heads())
    pending = [revision.revision for revision in reversed(list(script.iterate_revisions(head, current or "base")))]
    result = compare_live_with_head(url, ctx.say)
    ctx.say(f"target:   {hide_password(url)}")
    ctx.say(f"revision: {current or '(not stamped)'}")
    ctx.say(f"head:     {head}")
    ctx.say(f"pending:  {', '.join(pending) if pending else 'none'}")
    if result.exit_code == EXIT_IDENTICAL:
        ctx.say("schema:   matches head")
    elif result.exit_code == EXIT_DRIFT:
        ctx.say(f"schema:   differs from head in {len(result.differences)} place(s):")
        ctx.out.write(render_text(result))
    else:
        ctx.say("schema:   could not be compared:")
        ctx.out.write(render_text(result))
    return result.exit_code
