"""Pools the generator draws from: names, companies, titles and message texts (all fictional)."""

FIRST_NAMES = (
    "Priya", "Tomás", "José", "Zoë", "João", "Ana", "Wei", "Mei", "Hiroshi", "Aiko", "Fatima",
    "Omar", "Aisha", "Kwame", "Chidi", "Ngozi", "Lars", "Søren", "Ingrid", "Björn", "Łukasz",
    "Agnieszka", "Mateo", "Lucía", "Sofía", "Camila", "Diego", "Andrés", "Élodie", "François",
    "Chloé", "Jürgen", "Anja", "Dmitri", "Olga", "Yusuf", "Elif", "Arjun", "Ananya", "Rohan",
    "Kavya", "Minh", "Linh", "Seo-yeon", "Ji-ho", "David", "Sarah", "Michael", "Jennifer",
    "James", "Emily", "Daniel", "Jessica", "Chris", "Ashley", "Ryan", "Megan", "Kevin", "Laura",
    "Brian", "Rachel", "Jason", "Nicole", "Tyler", "Hannah", "Marcus", "Olivia", "Ethan",
    "Grace", "Noah", "Ava", "Liam", "Maya", "Ben", "Zara", "Kofi", "Amara", "Siobhán", "Niamh",
    "Seán", "Raúl", "Inês", "Gabriel", "Isabela", "Thiago", "Nadia", "Karim", "Leila", "Yuki",
    "Kenji", "Rania", "Tariq", "Emma", "Lukas", "Mia", "Felix", "Ola", "Erik", "Astrid",
)
LAST_NAMES = (
    "Raman", "Ortega", "Chen", "Smith", "Silva", "Müller", "Nguyen", "Nguyễn", "Kim", "Park",
    "Lee", "Patel", "Shah", "Iyer", "Garcia", "García", "Martínez", "Rodríguez", "López",
    "Hernández", "Johansson", "Nielsen", "Kowalski", "Nowak", "Dubois", "Lefèvre", "Schmidt",
    "Weber", "Fischer", "Ivanova", "Petrov", "Yılmaz", "Demir", "Okafor", "Mensah", "Adeyemi",
    "Osei", "Tanaka", "Suzuki", "Sato", "Wang", "Li", "Zhang", "Liu", "Huang", "Brown",
    "Johnson", "Williams", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
    "Moore", "Jackson", "White", "Harris", "Clark", "O'Brien", "Núñez", "Dvořák", "van der Berg",
    "de la Cruz", "Al-Sayed", "Cohen", "Levi", "Haddad", "Khan", "Ahmed", "Hussain", "Costa",
    "Pereira", "Santos", "Ferreira", "Rossi", "Bianchi", "Novak", "Horváth", "Papadopoulos",
    "Jovanović", "Eriksson", "Andersen", "Gómez", "Reyes", "Banerjee", "Menon", "Takahashi",
)
CREDENTIALS = ("PhD", "MBA", "PMP", "CSPO®", "PHRi™", "CPA", "SHRM-CP", "MD", "CFA", "MBA, PMP")
EMOJI = ("🚀", "👨🏻\u200d💻", "🇧🇷", "✨", "🌱", "☕")
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

#: (name, relative size); tricky look-alikes on purpose
COMPANIES = (
    ("Stripe", 3), ("Epic Systems", 3), ("Epic Games", 2), ("Meta", 5), ("Metabase", 1),
    ("Acme GmbH", 2), ("Globex Inc.", 2), ("Google", 6), ("Microsoft", 6), ("Amazon", 6),
    ("Amazon Web Services (AWS)", 3), ("Salesforce", 3), ("Atlassian", 2), ("Shopify", 2),
    ("Datadog", 2), ("Spotify", 2), ("Zalando SE", 2), ("Booking.com", 2), ("Deloitte", 4),
    ("McKinsey & Company", 2), ("Accenture", 4), ("SAP", 3), ("Siemens", 3), ("Nubank", 2),
    ("Mercado Libre", 2), ("Figma", 1), ("Notion", 1), ("Canva", 1), ("Goldman Sachs", 2),
    ("JPMorgan Chase & Co.", 3), ("Kaiser Permanente", 2), ("Mayo Clinic", 2), ("Initech", 1),
    ("Hooli", 1), ("Umbrella Health", 1), ("Toptal, LLC", 1), ("Robert Half", 1),
    ("Self-employed", 2), ("Stealth Startup", 1), ("Infosys", 3), ("Wipro", 2),
)
USER_COMPANY_CHOICES = (
    "Stripe", "Epic Systems", "Metabase", "Acme GmbH", "Globex Inc.", "Datadog", "Shopify",
    "Atlassian", "Zalando SE", "Nubank",
)
SCHOOLS = (
    "University of Wisconsin-Madison", "Stanford University", "TU München",
    "Universidade de São Paulo", "IIT Bombay", "University of Toronto", "University of Michigan",
    "Carnegie Mellon University", "Georgia Institute of Technology", "Trinity College Dublin",
    "National University of Singapore", "Universidad de Buenos Aires",
    "Humboldt-Universität zu Berlin", "The University of Texas at Austin", "NC State University",
)
CITIES = (
    "San Francisco Bay Area", "New York, New York, United States", "Berlin, Germany",
    "London, England, United Kingdom", "São Paulo, Brazil", "Bengaluru, Karnataka, India",
    "Toronto, Ontario, Canada", "Madison, Wisconsin, United States", "Seattle, Washington, United States",
    "Austin, Texas, United States", "Munich, Bavaria, Germany", "Lisbon, Portugal", "Singapore",
    "Dublin, County Dublin, Ireland", "Raleigh-Durham-Chapel Hill Area",
)
#: (title, relative frequency)
TITLES = (
    ("Software Engineer", 10), ("Senior Software Engineer", 9), ("Staff Software Engineer", 3),
    ("Product Manager", 6), ("Senior Product Manager", 3), ("Data Scientist", 5),
    ("Senior Data Scientist", 3), ("Data Engineer", 4), ("Machine Learning Engineer", 3),
    ("Engineering Manager", 4), ("Director of Engineering", 1), ("VP of Engineering", 1),
    ("Technical Recruiter", 3), ("Recruiter", 2), ("Talent Acquisition Partner", 2),
    ("HR Business Partner", 1), ("UX Designer", 2), ("Product Designer", 2),
    ("Marketing Manager", 2), ("Account Executive", 2), ("Customer Success Manager", 2),
    ("Solutions Architect", 2), ("Site Reliability Engineer", 2), ("DevOps Engineer", 2),
    ("Business Analyst", 2), ("Financial Analyst", 1), ("Consultant", 3), ("Founder", 1),
    ("Co-Founder & CTO", 1), ("Research Scientist", 1), ("Project Manager", 2),
)
HR_TITLES = frozenset(
    {"Technical Recruiter", "Recruiter", "Talent Acquisition Partner", "HR Business Partner"}
)
USER_TITLES = (
    "Data Scientist", "Senior Data Scientist", "Software Engineer", "Senior Software Engineer",
    "Product Manager", "Data Engineer",
)
COACH_COMPANY = "Northstar Career Coaching"
COACH_POSITION = "Career Coach | Helping engineers land their next role"


USER_MESSAGES = (
    "Hi {first}, great catching up last week! Let me know when you're free for coffee.",
    "Thanks so much for the intro, {first} - really appreciate it.",
    "Hey {first}, quick question: is {company} hiring for data roles this quarter?",
    'Congrats on the new role, {first}! "{position}" suits you.',
    "Hi {first},\nI saw the opening on your team and applied. Would you be open to a referral?",
    "Happy birthday, {first}! 🎉",
    "Sending you the notes from the meetup, {first}. Slides are in the drive.",
    "Hi {first}, hope all is well. Could we chat for 15 minutes about your time at {company}?",
)
REPLY_MESSAGES = (
    "Sure, happy to help! Send me your CV and the job ID.",
    "Great to hear from you! Thursday works, same place?",
    "Done - I forwarded your profile to the hiring manager.",
    "Thanks!! Still settling in, but loving it so far.",
    "Of course. Let me check with the team and get back to you, probably early next week.",
    "Haha, thank you 😊",
    "Yes, we are hiring. The posting should go live on Monday.",
)
RECRUITER_MESSAGES = (
    "Hi {first}, I came across your profile and think you'd be a great fit for a role on my team.",
    "Hello {first}, are you open to new opportunities? We're growing fast in {city}.",
)
INVITE_MESSAGES = (
    "",
    "",
    "Hi {first}, we have several mutual connections at {company} - would love to connect.",
    "Hi {first}, I enjoyed your talk last month. Let's connect!",
    "",
)
RECOMMENDATION_TEXTS = (
    "I worked with {first} for two years and would do it again tomorrow: sharp, kind, reliable.",
    '{first} is the person you call when the numbers "don\'t add up". Calm, thorough, and fast.',
    "{first} mentored two of our interns, rebuilt our reporting and still found time to help "
    "everyone else.\nHighly recommended.",
    "Few people explain a model to a room of executives as clearly as {first} does.",
)
SKILLS = (
    "Python", "SQL", "Data Analysis", "Machine Learning", "A/B Testing", "Statistics",
    "Data Visualization", "Stakeholder Management", "Forecasting", "dbt",
)
