"""Cutting releases: semver, deterministic and atomic release files, SHA256SUMS, diffs between releases.

``cut_release`` is the one entry point that writes a release (``add_layout`` adds the layout manifest
beside a release cut before manifests existed); ``diff_releases`` compares two releases;
``check_versions`` says which of the version numbers disagrees.
"""

from claims.releasing.cut import (
    ReleaseOutcome,
    add_layout,
    build_release,
    cut_release,
    existing_versions,
    release_path,
)
from claims.releasing.diff import BreakingChange, Change, CollectionDiff, ReleaseDiff, diff_releases
from claims.releasing.semver import Version, parse_version
from claims.releasing.sums import check_sums, format_sums, parse_sums, read_sums, sha256_hex
from claims.releasing.versions import VersionCheck, check_versions, newest_changelog_version

__all__ = [
    "BreakingChange",
    "Change",
    "CollectionDiff",
    "ReleaseDiff",
    "ReleaseOutcome",
    "Version",
    "VersionCheck",
    "add_layout",
    "build_release",
    "check_sums",
    "check_versions",
    "cut_release",
    "diff_releases",
    "existing_versions",
    "format_sums",
    "newest_changelog_version",
    "parse_sums",
    "parse_version",
    "read_sums",
    "release_path",
    "sha256_hex",
]
