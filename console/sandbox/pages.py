"""The hosted sign-in page and the error page of the sandbox tenant (plain HTML, English and French)."""

from __future__ import annotations

from html import escape

_STYLE = """
body{font-family:system-ui,sans-serif;background:#f3f5f8;margin:0;display:flex;justify-content:center}
main{background:#fff;margin-top:8vh;padding:2rem 2.5rem;border-radius:8px;
box-shadow:0 2px 12px #0002;width:22rem}
h1{font-size:1.3rem;margin:0 0 .3rem}p.sub{color:#555;margin:0 0 1.2rem}
label{display:block;margin:.8rem 0 .3rem;font-weight:600}
input{width:100%;box-sizing:border-box;padding:.55rem;font-size:1rem;border:1px solid #999;border-radius:4px}
.buttons{display:flex;gap:.6rem;margin-top:1.4rem}
button{flex:1;padding:.6rem;font-size:1rem;border-radius:4px;border:1px solid #0a4d8c;cursor:pointer}
button.primary{background:#0a4d8c;color:#fff}button.secondary{background:#fff;color:#0a4d8c}
.error{background:#fdecea;color:#8a1c12;padding:.6rem;border-radius:4px;margin-bottom:.6rem}
.demo{font-size:.85rem;color:#555;margin-top:1.2rem}
"""


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{_STYLE}</style></head>'
        f"<body><main>{body}</main></body></html>"
    )


def sign_in_page(txn: str, connection: str, client_id: str, error: str | None = None) -> str:
    """The form for the email+password or the collector number+PIN connection."""
    if connection == "member-pin-idp-recaptcha":
        fields = (
            '<label for="collectorNumber">Collector number / Numéro d\'adhérent</label>'
            '<input id="collectorNumber" name="collectorNumber" inputmode="numeric" autocomplete="username" '
            "required autofocus>"
            '<label for="pin">PIN / NIP</label>'
            '<input id="pin" name="pin" type="password" inputmode="numeric" autocomplete="current-password" '
            "required>"
        )
        demo = "Demo: 80000000007 / 1234"
    else:
        fields = (
            '<label for="email">Email / Courriel</label>'
            '<input id="email" name="email" type="email" autocomplete="username" required autofocus>'
            '<label for="password">Password / Mot de passe</label>'
            '<input id="password" name="password" type="password" autocomplete="current-password" required>'
        )
        demo = "Demo: jane.doe@example.com / sandbox"
    alert = f'<div class="error" role="alert">{escape(error)}</div>' if error else ""
    return _page(
        "Sign in – AIR MILES Sandbox",
        (
            "<h1>AIR MILES sign-in / Connexion</h1>"
            f'<p class="sub">Sandbox tenant · {escape(client_id)}</p>{alert}'
            '<form method="post" action="/authorize/login">'
            f'<input type="hidden" name="txn" value="{escape(txn)}">{fields}<div class="buttons">'
            '<button class="primary" type="submit">Sign in / Se connecter</button>'
            '<button class="secondary" type="submit" name="cancel" value="1" formnovalidate>'
            "Cancel / Annuler</button>"
            f'</div></form><p class="demo">{escape(demo)}</p>'
        ),
    )


def error_page(message: str) -> str:
    return _page(
        "Sign-in error – AIR MILES Sandbox",
        "<h1>Sign-in error / Erreur de connexion</h1>"
        f'<div class="error" role="alert">{escape(message)}</div>',
    )
