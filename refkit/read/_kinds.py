"""The kinds of file refkit reads: the columns each one has, and the files of LinkedIn's archive."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class _Spec:
    kind: str
    title: str  # the file people know, for messages
    columns: dict[str, str]  # normalised header -> field
    required: tuple[tuple[str, ...], ...]  # each entry: any of these headers
    expected: str  # for messages: which columns are needed
    keep_extra: bool = True  # False: columns not listed are never kept (private ones)
    exact_width: bool = False  # True: a short row is skipped (its cells may be out of place)

    def matches(self, names: set[str]) -> bool:
        return all(any(alt in names for alt in alts) for alts in self.required)


_CONNECTIONS = _Spec(
    "connections",
    "Connections.csv",
    {
        "first name": "first_name",
        "last name": "last_name",
        "url": "profile_url",
        "profile url": "profile_url",
        "email address": "email",
        "email": "email",
        "company": "company",
        "position": "position",
        "connected on": "connected_on",
    },
    (("first name",), ("connected on",)),
    "First Name, Last Name, Connected On",
)
_SEARCH = _Spec(
    "search_export",
    "search export",
    {
        "profileurl": "profile_url",
        "fullname": "name",
        "firstname": "first_name",
        "lastname": "last_name",
        "companyname": "company",
        "title": "position",
        "connectiondegree": "connection_degree",
        "sharedconnectionscount": "mutual_count",
    },
    (("profileurl",), ("fullname", "firstname")),
    "profileUrl, fullName, companyName, title, connectionDegree, sharedConnectionsCount",
)
_MUTUALS = _Spec(
    "mutuals",
    "refkit mutuals template",
    {
        "name": "name",
        "url": "profile_url",
        "profile url": "profile_url",
        "company": "company",
        "position": "position",
        "mutual count": "mutual_count",
        "mutual connections": "mutual_names",
    },
    (("name", "url", "profile url"), ("mutual count", "mutual connections")),
    "Name, URL, Company, Position, Mutual Count, Mutual Connections",
)
_EDGES = _Spec(
    "edges",
    "edge list",
    {"source": "source", "target": "target"},
    (("source",), ("target",)),
    "source, target",
)
_INVITATIONS = _Spec(
    "invitations",
    "LinkedIn Invitations.csv",
    {
        "from": "from_name",
        "to": "to_name",
        "sent at": "sent_at",
        "message": "message",
        "direction": "direction",
        "inviterprofileurl": "inviter_url",
        "inviteeprofileurl": "invitee_url",
    },
    (("from",), ("to",), ("sent at",)),
    "From, To, Sent At, Message, Direction",
)
_MESSAGES = _Spec(
    "messages",
    "LinkedIn messages.csv",
    {
        "conversation id": "conversation_id",
        "from": "sender",
        "sender profile url": "sender_url",
        "to": "recipients",
        "recipient profile urls": "recipient_urls",
        "date": "sent_at",
        "content": "content",
        "folder": "folder",
        "is message draft": "message_draft",
        "is conversation draft": "conversation_draft",
    },
    (("from",), ("to",), ("date",), ("content",)),
    "FROM, TO, DATE, CONTENT",
)
_POSITIONS = _Spec(
    "positions",
    "LinkedIn Positions.csv",
    {
        "company name": "company",
        "title": "title",
        "started on": "started_on",
        "finished on": "finished_on",
    },
    (("company name",), ("started on",)),
    "Company Name, Title, Started On, Finished On",
)
_PROFILE = _Spec(
    "profile",
    "LinkedIn Profile.csv",
    {"first name": "first_name", "last name": "last_name", "headline": "headline"},
    (("first name",), ("headline",)),
    "First Name, Last Name, Headline",
)
_RECOMMENDATIONS = _Spec(
    "recommendations",
    "LinkedIn Recommendations_Received.csv",
    {
        "first name": "first_name",
        "last name": "last_name",
        "company": "company",
        "job title": "position",
        "creation date": "created_on",
        "status": "status",
    },  # the Text is other people's words, not needed: never mapped, never kept
    (("first name",), ("last name",), ("job title",), ("creation date", "status")),
    "First Name, Last Name, Company, Job Title, Creation Date, Status",
)
_ENDORSEMENTS = _Spec(
    "endorsements",
    "LinkedIn Endorsement_Received_Info.csv",
    {
        "endorsement date": "endorsed_on",
        "skill name": "skill",
        "endorser first name": "first_name",
        "endorser last name": "last_name",
        "endorser public url": "profile_url",
        "endorsement status": "status",
    },
    (("endorser first name",), ("endorser last name",), ("skill name", "endorsement date")),
    "Endorsement Date, Skill Name, Endorser First Name, Endorser Last Name, Endorsement Status",
)
_TAGS = _Spec(
    "tags",
    "refkit tags file",
    {"name": "name", "url": "profile_url", "profile url": "profile_url", "tags": "tags"},
    (("name", "url", "profile url"), ("tags",)),
    "Name, URL, Tags",
)
_OWNERS = _Spec(
    "owners",
    "refkit shared-exports manifest",
    {"file": "file", "owner_name": "owner_name", "owner name": "owner_name",
     "owner_url": "owner_url", "owner url": "owner_url", "owner": "owner_name"},
    (("file",), ("owner_name", "owner name", "owner_url", "owner url", "owner")),
    "file, owner_name, owner_url",
)
# the jobs files of the archive: only the columns listed are read; the contact e-mail and phone,
# the resume's name and the answers to the application questions are private and never kept
_APPLICATIONS = _Spec(
    "applications",
    "LinkedIn Jobs/Job Applications.csv",
    {
        "application date": "applied_on",
        "company name": "company",
        "job title": "job_title",
        "job url": "job_url",
    },
    (("application date",), ("company name",)),
    "Application Date, Company Name, Job Title",
    keep_extra=False,
    exact_width=True,  # a short row may have a private cell (an answer, a phone) where the title is
)
_SAVED_JOBS = _Spec(
    "saved_jobs",
    "LinkedIn Jobs/Saved Jobs.csv",
    {"saved date": "saved_on", "job url": "job_url", "job title": "job_title", "company name": "company"},
    (("saved date",), ("company name",)),
    "Saved Date, Job Url, Job Title, Company Name",
    keep_extra=False,
)
_FOLLOWS = _Spec(
    "company_follows",
    "LinkedIn Company Follows.csv",
    {"organization": "company", "followed on": "followed_on"},
    (("organization",), ("followed on",)),
    "Organization, Followed On",
    keep_extra=False,
)
_SPECS = (
    _CONNECTIONS,
    _SEARCH,
    _MUTUALS,
    _EDGES,
    _INVITATIONS,
    _MESSAGES,
    _POSITIONS,
    _PROFILE,
    _RECOMMENDATIONS,
    _ENDORSEMENTS,
    _TAGS,
    _OWNERS,
    _APPLICATIONS,
    _SAVED_JOBS,
    _FOLLOWS,
)


def _norm_header(cell: str) -> str:
    return " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).casefold()


_LINKEDIN_FILES = (
    ("Connections.csv", _CONNECTIONS),
    ("messages.csv", _MESSAGES),
    ("Invitations.csv", _INVITATIONS),
    ("Positions.csv", _POSITIONS),
    ("Profile.csv", _PROFILE),
    ("Recommendations_Received.csv", _RECOMMENDATIONS),
    ("Recommendations_Given.csv", _RECOMMENDATIONS),
    ("Endorsement_Received_Info.csv", _ENDORSEMENTS),
    ("Job Applications.csv", _APPLICATIONS),  # in the archive's Jobs/ folder
    ("Saved Jobs.csv", _SAVED_JOBS),  # in Jobs/ too
    ("Company Follows.csv", _FOLLOWS),
)
"""The files of LinkedIn's archive that refkit reads, spelled as LinkedIn spells them, and
their kinds: the one table that kind detection, the archive and :func:`read_export` use."""

_LINKEDIN_SPELLING = {title.lower(): title for title, _ in _LINKEDIN_FILES}
"""Lower-case file name (as looked up) -> the name as LinkedIn writes it."""

_FILE_HINTS = {title.lower(): spec.kind for title, spec in _LINKEDIN_FILES}
"""Lower-case file name -> kind, the tie-breaker when a header fits several kinds."""

_ARCHIVE_FIELDS = {"recommendations_received.csv": "recommendations_received",
                   "recommendations_given.csv": "recommendations_given"}
"""The :class:`Archive` field of the files whose kind is shared by two files."""

_SIDE_FILES = {base: _ARCHIVE_FIELDS.get(base, kind) for base, kind in _FILE_HINTS.items()
               if kind != "connections"}
"""The archive's optional files: lower-case name -> the :class:`Archive` field (the kind,
unless two files share it)."""
