"""The Collector Service client core, free of Qt.

environments (where to talk), models (typed bodies), errors (one hierarchy), retry (the policy),
client (CollectorClient), exchange (the redacted request log), redaction (masking and the log filter);
secrets, tokens, pkce and session handle signing in.
"""
