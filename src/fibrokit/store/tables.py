"""The tables: accounts, sharing, recordings with their compressed data, results, daily summaries, imports, pacing.

The diary and treatment trials have their tables after the recordings'. Times are naive UTC (both SQLite and
PostgreSQL store them the same way), except the diary's and the trials' own dates and times, which are the
person's wall clock (a check-in at 21:00 counts for that evening's day wherever the server is). Health data
always carries the owner's ``user_id`` so every query can be scoped to one person. Sharing records (shares,
invitations, links and the access log) name the owner ``owner_id``: they describe who may see the data, not
the data. Schema changes go through Alembic
(``store/migrations``); a test checks the migrations produce exactly these tables.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from fibrokit.choices import AREAS as _AREAS

# Areas of health data a person can share separately, each with its own pages under /p/{person_id}.
AREAS = _AREAS  # the areas of a person's data, named in fibrokit.choices

_NAMES = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """The current time as naive UTC, the form every table stores."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    """Declarative base with constraint names Alembic can refer to."""

    metadata = MetaData(naming_convention=_NAMES)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, dt.datetime: DateTime()}


def _user_fk() -> Any:
    return ForeignKey("users.id", ondelete="CASCADE")


class User(Base):
    """An account. Admins manage accounts; no admin page shows anyone's health data."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    is_active: Mapped[bool] = mapped_column(default=True)
    birth_year: Mapped[int | None] = mapped_column(Integer, default=None)
    sex: Mapped[str] = mapped_column(String(1), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    # Bumped by every write to this person's data (store.versions): what pages computed is kept until it changes.
    data_version: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


class LoginSession(Base):
    """A server-side session; the cookie holds a random token, the table only its keyed hash."""

    __tablename__ = "sessions"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)


class LoginFailure(Base):
    """One wrong password, keyed by a hash of account and address (neither is stored)."""

    __tablename__ = "login_failures"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class AccountToken(Base):
    """A one-time link: an invitation to sign up, or a password reset an admin issued."""

    __tablename__ = "account_tokens"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    email: Mapped[str] = mapped_column(String(320), default="")
    user_id: Mapped[int | None] = mapped_column(_user_fk(), default=None)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    expires_at: Mapped[dt.datetime] = mapped_column()
    used_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class Share(Base):
    """An owner lets another account (their clinician) see some areas of their data; revocable."""

    __tablename__ = "shares"
    __table_args__ = (UniqueConstraint("owner_id", "grantee_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    grantee_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    areas: Mapped[str] = mapped_column(String(200), default="tests")  # comma-separated names from AREAS
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class SourceFile(Base):
    """An original uploaded file, kept (compressed when that helps) so it can be exported or re-read."""

    __tablename__ = "source_files"
    __table_args__ = (UniqueConstraint("user_id", "sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(BigInteger)
    codec: Mapped[str] = mapped_column(String(16))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RecordingRow(Base):
    """One recording's metadata and headline numbers (so lists never open the data)."""

    __tablename__ = "recordings"
    __table_args__ = (
        UniqueConstraint("user_id", "sha256"),
        Index("ix_recordings_user_start", "user_id", "start_utc"),
        Index("ix_recordings_user_kind_start", "user_id", "kind", "start_utc"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    source_file_id: Mapped[int | None] = mapped_column(
        ForeignKey("source_files.id", ondelete="SET NULL"), default=None
    )
    sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(255))
    source_format: Mapped[str] = mapped_column(String(40))
    device: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(40))
    start_utc: Mapped[dt.datetime | None] = mapped_column(default=None)
    local_day: Mapped[dt.date | None] = mapped_column(Date, default=None)
    duration_s: Mapped[float] = mapped_column(Float, default=0.0)
    beat_count: Mapped[int] = mapped_column(Integer, default=0)
    normal_share: Mapped[float | None] = mapped_column(Float, default=None)
    mean_hr_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    rmssd_ms: Mapped[float | None] = mapped_column(Float, default=None)
    ln_rmssd: Mapped[float | None] = mapped_column(Float, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    title: Mapped[str] = mapped_column(String(200), default="", server_default="")  # "" = the default title
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)  # markers, metadata, reader warnings
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class RecordingBlob(Base):
    """A compressed array bundle of a recording: its beats, a channel, or analysis output such as flags."""

    __tablename__ = "recording_blobs"
    recording_id: Mapped[int] = mapped_column(
        ForeignKey("recordings.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    codec: Mapped[str] = mapped_column(String(16))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ResultRow(Base):
    """A stored result with what it depends on: settings, fibrokit version and the source's hash."""

    __tablename__ = "results"
    __table_args__ = (UniqueConstraint("recording_id", "kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    recording_id: Mapped[int] = mapped_column(ForeignKey("recordings.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    settings_key: Mapped[str] = mapped_column(String(64))
    settings: Mapped[dict[str, Any]] = mapped_column()
    version: Mapped[str] = mapped_column(String(40))
    source_sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, Any]] = mapped_column()
    computed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DailySummary(Base):
    """One person's day: resting heart rate and ln RMSSD of the morning reading, activity minutes."""

    __tablename__ = "daily_summaries"
    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    resting_hr_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    rmssd_ms: Mapped[float | None] = mapped_column(Float, default=None)
    ln_rmssd: Mapped[float | None] = mapped_column(Float, default=None)
    readings: Mapped[int] = mapped_column(Integer, default=0)
    activity_minutes: Mapped[float] = mapped_column(Float, default=0.0)
    # The morning's readiness against the person's own baseline, judged when the reading is stored.
    readiness: Mapped[str] = mapped_column(String(40), default="", server_default="")
    readiness_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    baseline_days: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ImportJob(Base):
    """One upload of one or many files (or one ``fibrokit import`` run)."""

    __tablename__ = "import_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    origin: Mapped[str] = mapped_column(String(16), default="web")
    kind_hint: Mapped[str] = mapped_column(String(40), default="auto")
    # The day the person gave with the upload, for a file that states none in its content or name.
    day: Mapped[dt.date | None] = mapped_column(default=None)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ImportItem(Base):
    """One file of an import job; its status survives restarts, so a killed import is picked up again."""

    __tablename__ = "import_items"
    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int] = mapped_column(ForeignKey("import_jobs.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    name: Mapped[str] = mapped_column(String(255))
    staged_path: Mapped[str] = mapped_column(String(1024), default="")
    size: Mapped[int] = mapped_column(BigInteger, default=0)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    recording_id: Mapped[int | None] = mapped_column(
        ForeignKey("recordings.id", ondelete="SET NULL"), default=None
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    worker: Mapped[str] = mapped_column(String(120), default="")
    claimed_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    finished_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class DiaryItemRow(Base):
    """One item a person's check-ins offer (their remembered template); removed items stay, inactive."""

    __tablename__ = "diary_items"
    __table_args__ = (UniqueConstraint("user_id", "key"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    key: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(16))  # symptom, trigger or exposure
    custom: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CheckInRow(Base):
    """One check-in: ratings 0-10 by item key, factors present (with an optional amount), a note."""

    __tablename__ = "diary_checkins"
    __table_args__ = (Index("ix_diary_checkins_user_day", "user_id", "local_day", "at_local"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    at_local: Mapped[dt.datetime] = mapped_column()  # the person's wall clock
    local_day: Mapped[dt.date] = mapped_column(Date)
    ratings: Mapped[dict[str, Any]] = mapped_column(default=dict)
    factors: Mapped[dict[str, Any]] = mapped_column(default=dict)
    ongoing: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DiaryDay(Base):
    """One day of a person's diary, folded from that day's check-ins when one is saved or removed."""

    __tablename__ = "diary_days"
    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    checkins: Mapped[int] = mapped_column(Integer, default=0)
    symptoms: Mapped[dict[str, Any]] = mapped_column(default=dict)  # key: {mean, low, high, count}
    factors: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class TrialRow(Base):
    """A planned treatment trial: the schedule, the first dose, the outcomes and the products asked for."""

    __tablename__ = "trials"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    treatment: Mapped[str] = mapped_column(String(80))
    schedule_key: Mapped[str] = mapped_column(String(40))
    first_dose: Mapped[dt.date] = mapped_column(Date)
    outcomes: Mapped[list[str]] = mapped_column(JSON, default=list)
    primary_outcome: Mapped[str] = mapped_column(String(40), default="pain")
    titration_mg: Mapped[float] = mapped_column(Float)
    titration_form: Mapped[str] = mapped_column(String(16))
    maintenance_mg: Mapped[float] = mapped_column(Float)
    maintenance_form: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(2), default="")  # US state for the cost comparison
    # A trial of another treatment (schedule_key "own"): its steps as [amount, days or null] and their unit.
    own_steps: Mapped[list[list[float | None]] | None] = mapped_column(JSON, default=None)
    dose_unit: Mapped[str] = mapped_column(String(20), default="mg", server_default="mg")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class TrialDoseRow(Base):
    """A dose taken during a trial (one a day; logging a day again replaces it)."""

    __tablename__ = "trial_doses"
    __table_args__ = (UniqueConstraint("trial_id", "taken_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("trials.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    taken_on: Mapped[dt.date] = mapped_column(Date)
    mg: Mapped[float] = mapped_column(Float)
    time_of_day: Mapped[str] = mapped_column(String(16), default="bedtime")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SideEffectRow(Base):
    """A side effect reported during a trial."""

    __tablename__ = "trial_side_effects"
    id: Mapped[int] = mapped_column(primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("trials.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    reported_on: Mapped[dt.date] = mapped_column(Date)
    effect: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str] = mapped_column(String(16), default="mild")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class OpioidRecordRow(Base):
    """Opioid use a person recorded; it stops every LDN trial of theirs until a clinician confirms."""

    __tablename__ = "opioid_records"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    used_on: Mapped[dt.date] = mapped_column(Date)
    detail: Mapped[str] = mapped_column(Text, default="")
    # intermittent, around_the_clock or not_said (handled as around the clock)
    pattern: Mapped[str] = mapped_column(String(20), default="not_said", server_default="not_said")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ClinicianConfirmationRow(Base):
    """A clinician's written confirmation, copied by the person, that a trial may go on despite opioid use."""

    __tablename__ = "clinician_confirmations"
    id: Mapped[int] = mapped_column(primary_key=True)
    trial_id: Mapped[int] = mapped_column(ForeignKey("trials.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    clinician: Mapped[str] = mapped_column(String(200))
    confirmed_on: Mapped[dt.date] = mapped_column(Date)
    statement: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class InstrumentRow(Base):
    """A completed questionnaire (FIQR, ACR criteria, PGIC): the answers, the scored result, its version."""

    __tablename__ = "instrument_results"
    __table_args__ = (Index("ix_instrument_results_user_taken", "user_id", "instrument", "taken_on"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    instrument: Mapped[str] = mapped_column(String(16))  # fiqr, acr, pgic
    version: Mapped[str] = mapped_column(String(40))  # the rule used: "ACR 2016", "FIQR authors_current"
    taken_on: Mapped[dt.date] = mapped_column(Date)
    trial_id: Mapped[int | None] = mapped_column(ForeignKey("trials.id", ondelete="SET NULL"), default=None)
    answers: Mapped[dict[str, Any]] = mapped_column()
    result: Mapped[dict[str, Any]] = mapped_column()
    fibrokit_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ShareInvitation(Base):
    """An owner's invitation to a clinician, by e-mail: accepted by that account, or by creating it."""

    __tablename__ = "share_invitations"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)  # keyed hash of the link's token
    email: Mapped[str] = mapped_column(String(320))
    areas: Mapped[str] = mapped_column(String(200))  # comma-separated names from AREAS
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()
    accepted_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(default=None)
    grantee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)


class ShareLink(Base):
    """A read-only link to some areas of an owner's data, for someone without an account; it expires."""

    __tablename__ = "share_links"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(_user_fk(), index=True)
    key: Mapped[str] = mapped_column(
        String(64), unique=True
    )  # keyed hash of the token; the token is not kept
    label: Mapped[str] = mapped_column(String(200), default="")
    areas: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column(default=None)


class AccessLog(Base):
    """Someone other than the owner opened a page of the owner's data: who, which area and page, when.

    It holds no health data: the page's path (record numbers, never a query string), the area, and who looked
    (their e-mail address, or the link's label, kept as text so the entry outlives the account or link).
    """

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_log_owner_at", "owner_id", "at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(_user_fk())
    viewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), default=None)
    link_id: Mapped[int | None] = mapped_column(
        ForeignKey("share_links.id", ondelete="SET NULL"), default=None
    )
    who: Mapped[str] = mapped_column(String(320))
    area: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(String(300))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PacingSettings(Base):
    """One person's pacing choices: the rules behind their lines, numbers set by hand, budget and plan.

    Empty numbers mean "from my data": the resting heart rate from recent morning readings, the ceiling from
    the newest exercise test or the age on the account, the budget learned from past days.
    """

    __tablename__ = "pacing_settings"
    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    rule: Mapped[str] = mapped_column(String(20), default="rest_x1.15")
    ceiling_rule: Mapped[str] = mapped_column(String(20), default="auto")
    hrmax_rule: Mapped[str] = mapped_column(String(20), default="fox")
    resting_hr_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    threshold_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    ceiling_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    vt1_hr_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    use_exercise_test: Mapped[bool] = mapped_column(Boolean, default=True)
    budget_points: Mapped[float | None] = mapped_column(Float, default=None)
    plan_activity: Mapped[str] = mapped_column(String(20), default="")  # empty: no plan
    plan_start: Mapped[dt.date | None] = mapped_column(Date, default=None)  # the Monday of week 1
    plan_minutes: Mapped[float | None] = mapped_column(Float, default=None)
    plan_sessions: Mapped[int | None] = mapped_column(Integer, default=None)
    plan_weeks: Mapped[int | None] = mapped_column(Integer, default=None)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PacingReview(Base):
    """Zones, load and time over the ceiling of one recording, judged with the lines in force on its day.

    ``lines_key`` identifies those lines; ``stale`` marks a review to redo after the person changed their
    settings (the importer's idle loop and the ``fibrokit pace`` commands redo them).
    """

    __tablename__ = "pacing_reviews"
    __table_args__ = (Index("ix_pacing_reviews_user_day", "user_id", "day"),)
    recording_id: Mapped[int] = mapped_column(
        ForeignKey("recordings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(_user_fk())
    day: Mapped[dt.date | None] = mapped_column(Date, default=None)
    lines_key: Mapped[str] = mapped_column(String(32), default="")
    threshold_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    ceiling_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    points: Mapped[float | None] = mapped_column(Float, default=None)
    rest_s: Mapped[float | None] = mapped_column(Float, default=None)
    activity_s: Mapped[float | None] = mapped_column(Float, default=None)
    over_s: Mapped[float | None] = mapped_column(Float, default=None)
    longest_over_s: Mapped[float | None] = mapped_column(Float, default=None)
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)  # sentences, peak, recovery, lines and sources
    version: Mapped[str] = mapped_column(String(40), default="")
    stale: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    computed_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ReadinessQueue(Base):
    """A person whose mornings from ``first_day`` to ``last_day`` are to be judged again (a diary change).

    The check-in page writes only this row, so saving stays short; the server's background worker judges the
    mornings soon after (``services.home.daily.judge_queue``, then ``services.home.actions.settle``), and
    ``fibrokit pace`` before it reports.
    """

    __tablename__ = "readiness_queue"
    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    first_day: Mapped[dt.date] = mapped_column(Date)
    last_day: Mapped[dt.date] = mapped_column(Date)
    queued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DailyValueRow(Base):
    """One source's values for one of a person's local dates, from a wearable's export (never location).

    Two devices covering the same night give two rows; ``(user_id, day, source)`` is unique, so importing the
    same night again adds nothing. ``hrv_metric`` says whether ``hrv_ms`` is RMSSD or SDNN.
    """

    __tablename__ = "daily_values"
    __table_args__ = (
        UniqueConstraint("user_id", "day", "source"),
        Index("ix_daily_values_user_day", "user_id", "day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(_user_fk())
    day: Mapped[dt.date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(40))
    device: Mapped[str] = mapped_column(String(200), default="")
    source_format: Mapped[str] = mapped_column(String(40), default="")
    source_name: Mapped[str] = mapped_column(String(255), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    resting_hr_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    resting_hr_method: Mapped[str] = mapped_column(String(200), default="")
    hrv_ms: Mapped[float | None] = mapped_column(Float, default=None)
    hrv_metric: Mapped[str] = mapped_column(String(8), default="")
    hrv_method: Mapped[str] = mapped_column(String(200), default="")
    sleep_minutes: Mapped[float | None] = mapped_column(Float, default=None)
    deep_minutes: Mapped[float | None] = mapped_column(Float, default=None)
    light_minutes: Mapped[float | None] = mapped_column(Float, default=None)
    rem_minutes: Mapped[float | None] = mapped_column(Float, default=None)
    awake_minutes: Mapped[float | None] = mapped_column(Float, default=None)
    sleep_start_utc: Mapped[dt.datetime | None] = mapped_column(default=None)
    sleep_end_utc: Mapped[dt.datetime | None] = mapped_column(default=None)
    night_hr_avg_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    night_hr_min_bpm: Mapped[float | None] = mapped_column(Float, default=None)
    steps: Mapped[float | None] = mapped_column(Float, default=None)
    active_minutes: Mapped[float | None] = mapped_column(Float, default=None)
    # The morning's readiness from this night, judged on the rows of the source the baseline uses only.
    readiness: Mapped[str] = mapped_column(String(40), default="")
    readiness_text: Mapped[str] = mapped_column(Text, default="")
    baseline_days: Mapped[int] = mapped_column(Integer, default=0)
    imported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class DailySourceChoice(Base):
    """Which source's nights a person's baseline uses; none stored means the most complete source."""

    __tablename__ = "daily_source_choice"
    user_id: Mapped[int] = mapped_column(_user_fk(), primary_key=True)
    source: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
