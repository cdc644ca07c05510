"""The directory: the district's units (data/directory.toml), users and their accounts, API
tokens, sessions, authentication.

This module is the feature's public face: other features import the directory only from here.
"""

from tongnan.domain.directory.auth import AuthenticationFailed, authenticate
from tongnan.domain.directory.directory_file import DirectoryEntry, DirectoryError, parse_directory
from tongnan.domain.directory.sessions import SessionInfo, SignInRefused, session_of, sign_in
from tongnan.domain.directory.sign_in_limits import SignInLimits
from tongnan.domain.directory.sync import apply_directory, sync_directory
from tongnan.domain.directory.tokens import create_token, revoke_token

__all__ = [
    "AuthenticationFailed",
    "DirectoryEntry",
    "DirectoryError",
    "SessionInfo",
    "SignInLimits",
    "SignInRefused",
    "apply_directory",
    "authenticate",
    "create_token",
    "parse_directory",
    "revoke_token",
    "session_of",
    "sign_in",
    "sync_directory",
]
