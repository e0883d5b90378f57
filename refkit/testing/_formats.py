"""Fixed facts of LinkedIn's export formats, as the sample writer imitates them (``docs/FORMATS.md``)."""

from __future__ import annotations

import numpy as np

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email '
    "addresses are missing. You will only see email addresses for connections who "
    "have allowed their connections to see or download their email address using "
    "this setting https://www.linkedin.com/psettings/privacy/email. You can learn "
    'more here https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
CONNECTIONS_HEADER_URL = [
    "First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On",
]
CONNECTIONS_HEADER = [
    "First Name", "Last Name", "Email Address", "Company", "Position", "Connected On",
]
EXCEL_HEADER = ["First Name", "Last Name", "Company", "Position", "Connected on"]
MESSAGES_HEADER = [
    "CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
    "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER",
]
INVITATIONS_HEADER = [
    "From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl",
]
POSITIONS_HEADER = ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"]
PROFILE_HEADER = [
    "First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
    "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers",
]
RECOMMENDATIONS_HEADER = ["First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date",
                          "Status"]
ENDORSEMENTS_HEADER = ["Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
                       "Endorser Public Url", "Endorsement Status"]
MUTUALS_HEADER = ["Name", "URL", "Company", "Position", "Mutual Count", "Mutual Connections"]
URL_PREFIX = "https://www.linkedin.com/in/"
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

#: the day the user downloaded their archive (the newest date anywhere)
EXPORT_DATE = np.datetime64("2025-11-14")
#: era of each shared export by position (owner 0 is the coach); the rest are 2023+
SHARED_ERAS = ("2023+", "2021-2023", "2018", "excel", "2023+")
#: last possible connection date in a file of that era (the day it was exported)
ERA_CAP = {
    "2023+": EXPORT_DATE,
    "2021-2023": np.datetime64("2022-11-03"),
    "2018": np.datetime64("2018-04-20"),
    "excel": np.datetime64("2022-06-27"),
}
FIRST_DATE = np.datetime64("2010-03-01")
JOB_APPLICATIONS_HEADER = [
    "Application Date", "Contact Email", "Contact Phone Number", "Company Name", "Job Title", "Job Url",
    "Resume Name", "Question And Answers",
]
SAVED_JOBS_HEADER = ["Saved Date", "Job Url", "Job Title", "Company Name"]
COMPANY_FOLLOWS_HEADER = ["Organization", "Followed On"]
