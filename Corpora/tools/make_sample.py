#!/usr/bin/env python3
"""Regenerate the shipped sample corpus of skillradar.

Writes, deterministically (fixed seed, Python 3 standard library only):

  Corpora/sample/postings.jsonl      ~390 fictional job postings (JSON Lines)
  Corpora/sample/programmes.csv      45 fictional training programmes (RFC 4180)
  Corpora/sample/ground_truth.json   what was planted: trends, reposts,
                                     malformed lines, per-year shares

Usage (from the repository root):

  python3 Corpora/tools/make_sample.py            # write the three files
  python3 Corpora/tools/make_sample.py --check    # regenerate in memory and
                                                  # fail if the files differ

Everything here was written for this project: employers, providers, people
and places are invented.  Skill names are written in fragments as [Name];
every such name must be listed in SKILLS (each was checked against the ESCO
v1.2.0 digital-skills collection or the O*NET 29.2 Technology Skills file,
see check_sample.py --taxonomy).  Plain-text ICT tokens that are *not*
taxonomy labels (CI/CD, TCP/IP, HTML5, ".NET" on its own, and the
out-of-taxonomy terms in NEW_TERMS) are written without brackets.
"""

import argparse
import csv
import datetime
import io
import json
import math
import os
import random
import re
import sys

SEED = 20260182
YEARS = {2021: 90, 2022: 94, 2023: 97, 2024: 100}  # base postings per year
N_REPOSTS = 5

HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "sample"))

REGIONS = ["Capital Region", "North Metro", "Coastal", "Lakes",
           "Highlands", "Southern Plains"]
# How a region reads inside a sentence ("in ...", "to ...").
WHERE = {"Capital Region": "the Capital Region", "North Metro": "North Metro",
         "Coastal": "the Coastal region", "Lakes": "the Lakes",
         "Highlands": "the Highlands", "Southern Plains": "the Southern Plains"}

# --------------------------------------------------------------------------
# Verified skill names.  Value = where the exact label (case-insensitive)
# occurs: "E" = ESCO v1.2.0 digitalSkillsCollection_en.csv (preferredLabel
# or altLabels), "O" = O*NET 29.2 Technology_Skills.txt (Example column).
# --------------------------------------------------------------------------
SKILLS = {
    # programming languages
    "Python": "EO", "Java": "E", "JavaScript": "EO", "TypeScript": "EO",
    "C++": "EO", "C#": "EO", "PHP": "EO", "Perl": "EO", "COBOL": "E",
    "Objective-C": "E", "Swift": "EO", "Kotlin": "O", "Scala": "EO",
    "R": "EO", "Bash": "EO", "PowerShell": "E", "Visual Basic": "E",
    "ABAP": "E", "MATLAB": "E",
    # web and frameworks
    "ASP.NET": "E", "Microsoft .NET Framework": "O", "Node.js": "O",
    "React": "O", "Angular": "E", "Vue.js": "O", "jQuery": "O", "CSS": "E",
    "Sass": "E", "Bootstrap": "O", "webpack": "O", "GraphQL": "O",
    "WordPress": "EO", "Drupal": "EO", "Django": "O", "Flask": "O",
    "Spring Boot": "O", "Figma": "O",
    # data and databases
    "SQL": "E", "PostgreSQL": "EO", "MySQL": "EO", "Microsoft SQL Server": "O",
    "Transact-SQL": "O", "Oracle Database": "O", "Oracle PL/SQL": "O",
    "IBM DB2": "EO", "MongoDB": "O", "Redis": "O", "Elasticsearch": "O",
    "Microsoft Access": "EO", "ETL": "E", "data warehouse": "E",
    "Apache Spark": "O", "Apache Kafka": "O", "Apache Airflow": "O",
    "Hadoop": "E", "Amazon Redshift": "O", "Amazon DynamoDB": "O",
    "Tableau": "O", "Microsoft Power BI": "O", "data analytics": "E",
    "data science": "E", "Pandas": "O", "NumPy": "O", "scikit-learn": "O",
    "Jupyter Notebook": "O", "SAS": "O",
    # AI / ML
    "machine learning": "E", "TensorFlow": "EO", "PyTorch": "O", "Keras": "EO",
    "natural language processing": "E", "computer vision": "E",
    "MLflow": "O", "OpenAI ChatGPT": "O",
    # infrastructure, cloud, ops
    "Linux": "O", "Red Hat Enterprise Linux": "O", "Ubuntu": "O", "UNIX": "O",
    "Microsoft Windows": "O", "Microsoft Windows Server": "O",
    "Active Directory": "E", "VMware": "O", "Docker": "O",
    "Kubernetes": "O", "Red Hat OpenShift": "O", "Ansible": "E",
    "Puppet": "EO", "Chef": "EO", "Jenkins": "E", "Git": "EO",
    "GitHub": "O", "GitLab": "O", "Microsoft Azure DevOps Services": "O",
    "Prometheus": "O", "Nagios": "O", "Zabbix": "O", "cloud computing": "E",
    "DevOps": "E", "Apache Tomcat": "EO", "Apache HTTP Server": "O",
    # networking and security
    "Cisco IOS": "O", "Juniper Networks": "E", "network protocols": "E",
    "Wireshark": "EO", "Tcpdump": "O", "cybersecurity": "E",
    "information security": "E", "Splunk Enterprise": "O", "Snort": "O",
    "Kali Linux": "EO", "Metasploit": "EO", "Nmap": "EO",
    "Microsoft Azure Sentinel": "O",
    # testing, tooling, process
    "Selenium": "EO", "JUnit": "O", "Postman": "O", "Apache Maven": "EO",
    "Gradle": "O", "Xcode": "EO", "Google Android": "O", "Apple iOS": "O",
    "iOS": "E", "Android": "E",
    "Agile": "E", "PRINCE2": "E", "Atlassian JIRA": "O",
    "Atlassian Confluence": "O", "Microsoft Project": "O", "ServiceNow": "O",
    # office and business applications
    "Microsoft Excel": "O", "Microsoft Word": "O", "Microsoft PowerPoint": "O",
    "Microsoft Outlook": "O", "Microsoft Teams": "O",
    "Microsoft SharePoint": "O", "Microsoft Dynamics": "O",
    "Microsoft Power Automate": "O", "SAP ERP": "EO", "SAP S/4 HANA": "E",
    "Epic Systems": "O", "PLC": "E", "Autodesk AutoCAD": "O",
}

# Planted trends (share of postings mentioning the skill, whole word,
# case-insensitive, title + description).
RISING = ["Kubernetes", "Ansible", "machine learning", "TensorFlow"]
FALLING = ["jQuery", "Perl", "PHP"]
NEW_FROM_2023 = ["OpenAI ChatGPT", "MLflow"]
# ICT terms that are in neither taxonomy file; they appear only in 2023-24.
NEW_TERMS = ["prompt engineering", "LangChain", "vector database",
             "retrieval-augmented generation", "large language models",
             "generative AI"]
PLANTED = RISING + FALLING + NEW_FROM_2023

# --------------------------------------------------------------------------
# Employers (all fictional).  name, sector, regions, weight, style
# style: "inline" (one paragraph), "dash" (sections, "- " bullets),
#        "headed" (sections with headings, sentences), "dot" ("• " bullets)
# --------------------------------------------------------------------------
EMPLOYERS = [
    ("Meridian Bridge IT Services", "itservices", ["Capital Region", "North Metro", "Coastal"], 14, "dash"),
    ("Brightloop Software", "software", ["Capital Region"], 11, "inline"),
    ("TalentHarbor Recruitment", "staffing", REGIONS, 9, "inline"),
    ("Stonecrest Consulting", "itservices", ["Capital Region", "Lakes"], 8, "headed"),
    ("Granary Mutual Bank", "finance", ["Capital Region"], 8, "headed"),
    ("Nimbus Orchard", "software", ["Capital Region", "North Metro"], 7, "dash"),
    ("Skylark Telecom", "telecom", ["Capital Region", "North Metro", "Highlands"], 6, "headed"),
    ("Quillfern Systems", "software", ["North Metro"], 5, "dash"),
    ("Larkspur Analytics", "software", ["Capital Region"], 5, "inline"),
    ("Harrowgate Insurance Group", "finance", ["North Metro"], 5, "dash"),
    ("Redfern Managed Services", "itservices", ["Coastal", "Lakes"], 5, "inline"),
    ("St. Aldric Health Network", "health", ["Capital Region", "Coastal"], 5, "headed"),
    ("Ironbridge Freight", "logistics", ["Southern Plains", "Coastal"], 5, "inline"),
    ("Pathway Staffing Partners", "staffing", ["North Metro", "Southern Plains"], 4, "dash"),
    ("Halvard & Pike Solutions", "itservices", ["North Metro"], 4, "inline"),
    ("Pinegate Labs", "software", ["Lakes"], 4, "dash"),
    ("Kestrel Pumps & Valves", "manufacturing", ["Lakes", "Highlands"], 4, "headed"),
    ("Highvale Energy", "energy", ["Highlands", "Lakes"], 4, "headed"),
    ("Capital Region Transport Authority", "public", ["Capital Region"], 4, "headed"),
    ("Marigold Home Stores", "retail", ["North Metro", "Southern Plains"], 4, "inline"),
    ("Bureau of Regional Statistics", "public", ["Capital Region"], 3, "headed"),
    ("Lakes County Council", "public", ["Lakes"], 3, "headed"),
    ("Tidewright Apps", "software", ["Coastal"], 3, "dot"),
    ("Fibrelane Networks", "telecom", ["Lakes", "Southern Plains"], 3, "dash"),
    ("Urbanfield Grocers", "retail", ["Capital Region", "Lakes"], 3, "inline"),
    ("Saltmarsh Port Logistics", "logistics", ["Coastal"], 3, "inline"),
    ("Coastal Care Partnership", "health", ["Coastal"], 3, "inline"),
    ("Plainsview Hospital", "health", ["Southern Plains"], 3, "headed"),
    ("Northwind Composites", "manufacturing", ["North Metro"], 3, "dash"),
    ("Clearwater Utilities", "energy", ["Coastal"], 3, "inline"),
    ("Westmoor Vocational College", "education", ["Lakes"], 3, "headed"),
    ("Paperkite Media", "media", ["Capital Region"], 2, "inline"),
    ("Fivefold Credit Union", "finance", ["Southern Plains"], 2, "inline"),
    ("Highlands Regional Council", "public", ["Highlands"], 2, "headed"),
    ("Ashgrove Food Processing", "manufacturing", ["Southern Plains"], 2, "inline"),
    ("Old Mill Hotels & Cafés", "hospitality", ["Highlands", "Coastal"], 2, "inline"),
    ("Cobaltline Games", "media", ["North Metro"], 2, "dash"),
    ("Emberfield Medical Devices", "manufacturing", ["Capital Region"], 2, "headed"),
    ("Lanternway Schools Trust", "education", ["Coastal", "North Metro"], 2, "inline"),
    ("Greyhollow Security Services", "itservices", ["Capital Region"], 2, "dash"),
]

SECTOR_BLURBS = {
    "software": [
        "We build accounting and scheduling software used by thousands of small businesses.",
        "Our product teams are small, ship every week and own what they build from idea to operation.",
        "We make booking and payment software for clinics, gyms and local services.",
    ],
    "itservices": [
        "We run IT operations for mid-sized companies and public bodies across the country.",
        "Our consultants support more than two hundred customers, from family firms to hospitals.",
        "We design, build and operate systems for customers who would rather not do it themselves.",
    ],
    "finance": [
        "We are a regional financial institution with a long history and a modern digital agenda.",
        "More than half a million customers rely on our online and mobile services every day.",
    ],
    "public": [
        "We are a public body serving residents and businesses across the region.",
        "Our digital team keeps essential public services running around the clock.",
    ],
    "health": [
        "We run hospitals, community clinics and a home-care service.",
        "Our staff care for patients in acute wards, outpatient clinics and in the community.",
    ],
    "retail": [
        "We operate a chain of stores and a fast-growing online shop.",
        "From the warehouse to the checkout, our systems handle millions of orders a year.",
    ],
    "logistics": [
        "We move freight by road, rail and sea for manufacturers and retailers.",
        "Our depots handle thousands of pallets a day, seven days a week.",
    ],
    "manufacturing": [
        "We design and manufacture industrial equipment that is exported to over thirty countries.",
        "Our plant combines traditional craftsmanship with highly automated production lines.",
    ],
    "energy": [
        "We operate the regional electricity and water networks.",
        "Our engineers keep power flowing to homes, farms and factories in rural and urban areas.",
    ],
    "telecom": [
        "We provide broadband, mobile and business connectivity to customers across the country.",
        "We are rolling out fibre to towns and villages that were left behind.",
    ],
    "education": [
        "We are a vocational college with several thousand learners and apprentices.",
        "Our teachers prepare young people and adults for skilled work.",
    ],
    "staffing": [
        "We recruit on behalf of our client, a well-established organisation in the region.",
        "Our client is growing quickly and has asked us to find the right person for this role.",
    ],
    "media": [
        "We are an independent digital studio producing news, podcasts and interactive content.",
        "We create digital products and games enjoyed by a large online audience.",
    ],
    "hospitality": [
        "We run small country hotels and cafés where guests come back year after year.",
    ],
}

GENERIC_INTROS = [
    "{employer} is looking for {a_title} to join its team in {where}.",
    "We are hiring! {employer} needs {a_title} for our site in {where}.",
    "Join {employer} as {a_title} ({region}, hybrid working possible).",
    "{employer} ({region}) has an opening for {a_title}.",
    "Are you {a_title} who enjoys solving practical problems? {employer} in {where} wants to hear from you.",
    "{employer} is expanding in {where} and is recruiting {a_title}.",
]

TASK_HEADINGS = ["What you will do:", "Your tasks:", "The role:", "Responsibilities:",
                 "Day to day you will:"]
REQ_HEADINGS = ["What we are looking for:", "Requirements:", "Your profile:",
                "You bring:", "Must have:"]
NICE_HEADINGS = ["Nice to have:", "Bonus points:", "It is a plus if you have:"]

REQ_INLINE = [
    "Required: {req}.",
    "You have hands-on experience with {req}.",
    "We expect solid working knowledge of {req}.",
    "Must-haves: {req}.",
    "You will need practical experience with {req}.",
    "Your toolbox includes {req}.",
    "Essential skills: {req}.",
]
NICE_INLINE = [
    "Nice to have: {nice}.",
    "Bonus if you have worked with {nice}.",
    "Exposure to {nice} is a plus.",
    "Familiarity with {nice} would be an advantage.",
    "Not required, but welcome: {nice}.",
]
REQ_ITEM = ["Experience with {s}", "Working knowledge of {s}", "Solid {s} skills",
            "{s} in a production setting", "Practical {s} experience"]
NICE_ITEM = ["{s}", "Some exposure to {s}", "{s} (even from side projects)"]

CLOSINGS = [
    "We offer flexible hours, a personal training budget and hybrid working.",
    "Salary according to the regional collective agreement, plus 30 days of annual leave.",
    "Apply with your CV and a short cover letter by the end of the month.",
    "Questions about the role? Contact our recruitment team through the careers page.",
    "Part-time applications (from 30 hours a week) are welcome.",
    "This is a permanent, full-time position.",
    "Fixed-term contract for 12 months with the option of extension.",
    "Relocation support is available for candidates moving to {where}.",
    "We are an equal-opportunity employer and welcome applicants from all backgrounds.",
    "Graduates of vocational programmes and apprentices are encouraged to apply.",
    "Interviews take place on site; travel costs are reimbursed.",
    "We pay for relevant certifications and give you time to prepare for them.",
]
# Rarely used, non-ASCII on purpose.
CLOSINGS_UTF8 = [
    "Our team meets every Friday in the café on the ground floor \u2014 coffee is on us.",
    "Please send your r\u00e9sum\u00e9 and a link to any work you are proud of.",
    "Occasional travel to our partner team in the Z\u00fcrich office is expected.",
    "Start date: as soon as possible \u2014 we can wait for the right person.",
]

# --------------------------------------------------------------------------
# Roles.  Each role: family ("ict" or "non"), sectors, titles, weights per
# year (2021..2024), intros, tasks, core (always required), pool (k random
# extra required), nice (k random nice-to-have), lead (planted skills that
# head the requirements when the TREND table draws them for this role).
# Planted skills never appear in core, pool or nice; they are inserted only
# through TREND.  Titles and task sentences that name a planted skill (PHP,
# machine learning) are used only in postings where that skill was drawn.
# The role mix is kept nearly constant across years so that skills that are
# not planted (SQL, Python, Linux, ...) stay flat; only php_web shrinks,
# ml_engineer and ai_app grow, with frontend and python_backend moving the
# other way to keep JavaScript and Python level.
# --------------------------------------------------------------------------
R = {}


def role(key, **kw):
    R[key] = kw


role("java_dev", family="ict",
     sectors=["software", "itservices", "finance", "public", "telecom", "staffing"],
     titles=["Java Developer", "Backend Developer (Java)", "Software Engineer, Java",
             "Senior Java Developer"],
     weights=(8, 8, 8, 8),
     intros=["Our backend team maintains the services behind our customer portal and is looking for another Java developer.",
             "You will join a team of six developers who build and run our core transaction services."],
     tasks=["Design and implement REST services in [Java] with [Spring Boot].",
            "Write clean, tested code and review the code of your colleagues.",
            "Work with [SQL] databases and tune slow queries together with the DBA team.",
            "Maintain build pipelines with [Apache Maven] and [Jenkins].",
            "Break a large monolith into smaller services, step by step.",
            "Take part in planning, estimation and retrospectives in an [Agile] team.",
            "Support operations during releases and fix production issues when they occur.",
            "Write unit and integration tests with [JUnit]."],
     core=["Java", "SQL"], pool=["Spring Boot", "Git", "Apache Maven", "JUnit", "Linux", "PostgreSQL", "Oracle Database", "Gradle"], pool_k=(2, 4),
     nice=["Apache Kafka", "Docker", "Apache Tomcat", "Scala", "Redis", "Elasticsearch", "Microsoft Azure DevOps Services"], nice_k=(1, 3))

role("dotnet_dev", family="ict",
     sectors=["software", "itservices", "finance", "public", "retail", "staffing"],
     titles=[".NET Developer", "C# Developer", "Software Developer (C#/.NET)", "ASP.NET Web Developer"],
     weights=(6, 6, 6, 6),
     intros=["We are modernising our line-of-business applications and need a .NET developer who likes tidy code.",
             "Our internal systems are built on .NET and serve every branch and department."],
     tasks=["Develop web applications with [ASP.NET] and [C#].",
            "Migrate older WebForms pages to modern .NET.",
            "Write stored procedures in [Transact-SQL] and keep the schema documented.",
            "Build and release through [Microsoft Azure DevOps Services].",
            "Work closely with business analysts to turn requirements into working features.",
            "Fix defects reported by users and keep our backlog under control.",
            "Use [Git] and a modern IDE for daily development."],
     core=["C#", "ASP.NET"], pool=["Microsoft .NET Framework", "Microsoft SQL Server", "Transact-SQL", "Git", "JavaScript", "CSS", "Microsoft Azure DevOps Services"], pool_k=(2, 4),
     nice=["Angular", "TypeScript", "Docker", "Microsoft Power BI", "Microsoft SharePoint", "Visual Basic"], nice_k=(1, 2))

role("php_web", family="ict",
     sectors=["software", "media", "itservices", "retail", "staffing"],
     titles=["PHP Developer", "Web Developer (PHP)", "Junior Web Developer", "WordPress Developer"],
     weights=(10, 8, 6, 4),
     intros=["We build and host websites and web shops for local businesses and need another web developer.",
             "Our agency looks after more than a hundred customer websites."],
     tasks=["Build custom themes and plugins for [WordPress] and [Drupal] sites.",
            "Develop and maintain web shops and booking forms in [PHP] with a [MySQL] backend.",
            "Turn designs into responsive HTML5 pages with [CSS] and [JavaScript].",
            "Keep customer sites secure and up to date.",
            "Talk to customers directly, estimate small changes and explain technical choices in plain language.",
            "Migrate old sites to new hosting and fix what breaks along the way.",
            "Improve page speed and accessibility of existing sites."],
     core=["MySQL"], lead=["PHP"], pool=["JavaScript", "CSS", "WordPress", "Drupal", "Git", "Linux", "Apache HTTP Server"], pool_k=(2, 3),
     nice=["Sass", "Bootstrap", "Figma", "Vue.js", "Docker"], nice_k=(1, 2))

role("frontend", family="ict",
     sectors=["software", "media", "retail", "finance", "itservices"],
     titles=["Front-end Developer", "Frontend Engineer", "UI Developer", "Web Developer, Front End"],
     weights=(5, 6, 7, 8),
     intros=["Our customers judge us by what they see on screen, and that is where you come in.",
             "We are looking for a front-end developer who cares about accessibility and performance."],
     tasks=["Build user interfaces with [React] or [Angular] and [TypeScript].",
            "Work with designers in [Figma] to turn prototypes into production-ready HTML5 and [CSS].",
            "Write component tests and keep the design system consistent.",
            "Improve load times and accessibility scores of our web applications.",
            "Integrate front-end components with REST and [GraphQL] APIs.",
            "Review pull requests and share knowledge with other developers.",
            "Maintain the build setup based on [webpack]."],
     core=["JavaScript", "CSS"], pool=["TypeScript", "React", "Angular", "Vue.js", "Git", "Sass", "webpack", "Figma"], pool_k=(2, 4),
     nice=["GraphQL", "Node.js", "Bootstrap", "Selenium", "Docker"], nice_k=(1, 2))

role("fullstack_node", family="ict",
     sectors=["software", "media", "itservices", "staffing"],
     titles=["Full-Stack Developer", "Node.js Developer", "Full Stack Engineer (JavaScript)"],
     weights=(5, 5, 5, 5),
     intros=["You will work across the whole stack, from the database to the browser.",
             "We are a small team, so everybody touches every layer of the product."],
     tasks=["Build APIs in [Node.js] and [TypeScript].",
            "Design data models in [MongoDB] and [PostgreSQL].",
            "Build front-end features in [React].",
            "Set up CI/CD pipelines and keep deployments boring.",
            "Cache hot data in [Redis] and monitor what happens in production.",
            "Pair with colleagues and take part in on-call duty once a month."],
     core=["JavaScript", "Node.js"], pool=["TypeScript", "React", "MongoDB", "PostgreSQL", "Git", "Docker", "Redis", "GraphQL"], pool_k=(2, 4),
     nice=["Vue.js", "Elasticsearch", "GitHub", "Linux", "webpack"], nice_k=(1, 2))

role("mobile", family="ict",
     sectors=["software", "media", "finance", "retail", "telecom"],
     titles=["Mobile Developer", "App Developer", "Mobile App Developer (iOS/Android)"],
     weights=(3, 3, 3, 3),
     intros=["Our apps are used by several hundred thousand people every month.",
             "We want our mobile apps to feel fast, simple and reliable."],
     tasks=["Develop new features for our app on [Apple iOS] in [Swift].",
            "Maintain legacy screens written in [Objective-C].",
            "Build and maintain the [Google Android] app in [Kotlin].",
            "Work with the API team on contracts and error handling.",
            "Publish releases to the app stores and monitor crash reports.",
            "Write UI tests and keep the build green in [Xcode] and [Gradle]."],
     core=[], pool=["Swift", "Kotlin", "Objective-C", "Xcode", "Google Android", "Apple iOS", "Git"], pool_k=(3, 4),
     nice=["Figma", "GraphQL", "Jenkins", "Java"], nice_k=(1, 2))

role("embedded_cpp", family="ict",
     sectors=["manufacturing", "energy", "telecom", "software"],
     titles=["Embedded Software Engineer", "C++ Developer", "Firmware Developer"],
     weights=(3, 3, 3, 3),
     intros=["Our devices run in harsh environments for years without anybody touching them.",
             "You will write the software that controls our machines and sensors."],
     tasks=["Develop and test firmware in [C++] for our controllers.",
            "Write build and test scripts in [Python] and [Bash].",
            "Debug hardware and software together in the lab with oscilloscopes and logic analysers.",
            "Maintain our embedded [Linux] images.",
            "Document interfaces and review designs with hardware engineers.",
            "Analyse field data to find the root cause of rare failures."],
     core=["C++"], pool=["Linux", "Python", "Git", "Bash", "Jenkins", "UNIX"], pool_k=(2, 3),
     nice=["MATLAB", "Docker", "PLC", "computer vision"], nice_k=(1, 2))

role("devops", family="ict",
     sectors=["software", "itservices", "finance", "telecom", "staffing"],
     titles=["DevOps Engineer", "Site Reliability Engineer", "Build and Release Engineer", "DevOps Specialist"],
     weights=(5, 5, 6, 6),
     intros=["We want developers to ship safely several times a day, and we need your help to get there.",
             "Our platform team builds the paved road that every product team uses."],
     tasks=["Build and maintain CI/CD pipelines in [GitLab] and [Jenkins].",
            "Package services with [Docker] and keep base images small and patched.",
            "Automate everything that has to be done more than twice.",
            "Set up monitoring and alerting with [Prometheus].",
            "Run [Linux] servers and keep them secure.",
            "Take part in incident reviews and help teams learn from outages.",
            "Script routine tasks in [Bash] and [Python]."],
     core=["Linux", "Docker"], pool=["Git", "Jenkins", "GitLab", "Bash", "Python", "Prometheus", "DevOps", "Red Hat OpenShift"], pool_k=(2, 4),
     nice=["Puppet", "Chef", "Microsoft Azure DevOps Services", "Nagios", "Elasticsearch", "cloud computing"], nice_k=(1, 2))

role("cloud_platform", family="ict",
     sectors=["software", "itservices", "finance", "public"],
     titles=["Cloud Engineer", "Platform Engineer", "Cloud Infrastructure Engineer"],
     weights=(3, 3, 4, 4),
     intros=["We are moving our remaining data centre workloads to the cloud.",
             "Our platform runs hundreds of services for internal and external customers."],
     tasks=["Design and operate our [cloud computing] platform together with the security team.",
            "Describe infrastructure as code and review changes like any other code.",
            "Migrate legacy applications from [VMware] clusters to containers.",
            "Keep costs visible and help teams size their workloads.",
            "Build self-service templates for development teams.",
            "Improve backup, recovery and disaster-recovery procedures."],
     core=["cloud computing", "Linux"], pool=["Docker", "Git", "Python", "Bash", "Red Hat OpenShift", "VMware", "Amazon DynamoDB", "Microsoft Azure DevOps Services"], pool_k=(2, 4),
     nice=["Prometheus", "PowerShell", "Apache Kafka", "information security"], nice_k=(1, 2))

role("linux_sysadmin", family="ict",
     sectors=["itservices", "public", "telecom", "education", "energy"],
     titles=["Linux System Administrator", "Systems Administrator", "UNIX/Linux Administrator"],
     weights=(6, 6, 5, 5),
     intros=["You will keep several hundred servers healthy, patched and documented.",
             "Our operations team runs the systems behind our core services."],
     tasks=["Install, configure and patch [Red Hat Enterprise Linux] and [Ubuntu] servers.",
            "Write and maintain automation scripts in [Bash].",
            "Monitor systems with [Nagios] or [Zabbix] and respond to alerts.",
            "Manage virtual machines on [VMware].",
            "Manage backups, user accounts and access rights.",
            "Document procedures so that colleagues can follow them at 3 a.m.",
            "Work with network and security colleagues on firewall changes."],
     core=["Linux", "Bash"], pool=["Red Hat Enterprise Linux", "Ubuntu", "VMware", "Nagios", "Zabbix", "Puppet", "Chef", "Git", "UNIX", "Apache HTTP Server"], pool_k=(2, 4),
     nice=["Docker", "Python", "PostgreSQL", "Active Directory"], nice_k=(1, 2))

role("it_support", family="ict",
     sectors=["itservices", "public", "health", "education", "retail", "logistics", "manufacturing", "staffing", "finance"],
     titles=["IT Support Technician", "Service Desk Analyst", "IT Helpdesk Technician", "First-Line IT Support Analyst", "Desktop Support Engineer"],
     weights=(8, 8, 8, 8),
     intros=["You are the first person our colleagues call when their computer, printer or phone does not work.",
             "Our service desk handles around a thousand tickets a month, and we are proud of our response times."],
     tasks=["Log, prioritise and resolve tickets in [ServiceNow].",
            "Set up laptops, phones and printers for new colleagues.",
            "Manage user accounts and permissions in [Active Directory].",
            "Support users with [Microsoft Outlook], [Microsoft Teams] and other office applications.",
            "Write short how-to guides for common problems.",
            "Escalate complex issues to second-line colleagues with clear notes.",
            "Visit branch offices to replace hardware when needed."],
     core=["Microsoft Windows"], pool=["Active Directory", "ServiceNow", "Microsoft Outlook", "Microsoft Teams", "Microsoft Excel", "PowerShell", "Microsoft Windows Server", "Microsoft SharePoint"], pool_k=(2, 4),
     nice=["Linux", "network protocols", "VMware", "Cisco IOS"], nice_k=(1, 2))

role("network_eng", family="ict",
     sectors=["telecom", "itservices", "public", "energy", "education", "health"],
     titles=["Network Engineer", "Network Administrator", "Network Technician", "Senior Network Engineer"],
     weights=(5, 5, 5, 5),
     intros=["Our network connects offices, depots and remote sites across the region.",
             "You will keep our wired and wireless networks fast, reliable and secure."],
     tasks=["Configure and troubleshoot routers and switches running [Cisco IOS].",
            "Plan and implement changes to our WAN, LAN and Wi-Fi.",
            "Analyse traffic with [Wireshark] and [Tcpdump] when things go wrong.",
            "Maintain firewall rules and VPN access together with the security team.",
            "Keep network documentation and diagrams up to date.",
            "Apply solid TCP/IP fundamentals (subnetting, routing, VLANs) to design and troubleshooting."],
     core=["network protocols"], pool=["Cisco IOS", "Juniper Networks", "Wireshark", "Tcpdump", "Linux", "Microsoft Windows Server", "Zabbix"], pool_k=(2, 4),
     nice=["Python", "information security", "VMware", "Bash"], nice_k=(1, 2))

role("security_analyst", family="ict",
     sectors=["finance", "itservices", "public", "health", "energy", "telecom"],
     titles=["Cybersecurity Analyst", "Security Operations Analyst", "Information Security Specialist", "SOC Analyst"],
     weights=(4, 4, 4, 4),
     intros=["Attacks on organisations like ours are increasing, and we are strengthening our security team.",
             "Join our security operations centre and help protect critical services."],
     tasks=["Monitor alerts in [Splunk Enterprise] and [Microsoft Azure Sentinel] and investigate incidents.",
            "Run vulnerability scans with [Nmap] and follow up on findings.",
            "Support penetration tests using [Kali Linux] and [Metasploit].",
            "Tune intrusion detection rules in [Snort].",
            "Write clear incident reports for technical and non-technical readers.",
            "Help colleagues understand phishing and other everyday risks."],
     core=["cybersecurity"], pool=["information security", "Splunk Enterprise", "Microsoft Azure Sentinel", "Wireshark", "Nmap", "Kali Linux", "Linux", "network protocols"], pool_k=(2, 4),
     nice=["Python", "Metasploit", "Snort", "PowerShell", "cloud computing"], nice_k=(1, 2))

role("data_analyst", family="ict",
     sectors=["finance", "retail", "public", "health", "logistics", "media", "software"],
     titles=["Data Analyst", "Business Intelligence Analyst", "Reporting Analyst", "Junior Data Analyst"],
     weights=(6, 6, 6, 6),
     intros=["Managers across the organisation want answers from data, and quickly.",
             "You will turn raw operational data into reports that people actually use."],
     tasks=["Build dashboards in [Tableau] and [Microsoft Power BI].",
            "Write [SQL] queries to extract and combine data from several systems.",
            "Clean and analyse data in [Microsoft Excel], [Python] or [R].",
            "Explain results to non-specialists in plain language.",
            "Define and document key performance indicators with business owners.",
            "Automate recurring reports that are still put together by hand."],
     core=["SQL", "data analytics"], pool=["Microsoft Excel", "Tableau", "Microsoft Power BI", "Python", "R", "Microsoft Access", "SAS"], pool_k=(2, 3),
     nice=["data warehouse", "ETL", "Pandas", "Jupyter Notebook"], nice_k=(1, 2))

role("data_engineer", family="ict",
     sectors=["software", "finance", "retail", "telecom", "itservices"],
     titles=["Data Engineer", "Big Data Engineer", "ETL Developer"],
     weights=(4, 4, 4, 4),
     intros=["Our analysts and data scientists depend on pipelines that run every night without fail.",
             "We are building a new data platform and need engineers who like solid foundations."],
     tasks=["Build batch and streaming pipelines with [Apache Spark] and [Apache Kafka].",
            "Schedule and monitor jobs in [Apache Airflow].",
            "Model data for the [data warehouse] and keep it documented.",
            "Write [Python] and [SQL] that other people can read.",
            "Load data into [Amazon Redshift] and keep costs under control.",
            "Work with data owners on data quality rules."],
     core=["SQL", "Python"], pool=["Apache Spark", "Apache Kafka", "Apache Airflow", "ETL", "data warehouse", "Hadoop", "Amazon Redshift", "Scala", "PostgreSQL"], pool_k=(2, 4),
     nice=["Docker", "Git", "Elasticsearch", "MongoDB"], nice_k=(1, 2))

role("ml_engineer", family="ict",
     sectors=["software", "finance", "retail", "health", "manufacturing"],
     titles=["Machine Learning Engineer", "Data Scientist", "ML Engineer", "Applied Scientist"],
     weights=(3, 4, 6, 8),
     intros=["We use data to forecast demand, detect fraud and plan maintenance.",
             "Our models are in production, and we need people who can keep them useful."],
     tasks=["Develop, evaluate and deploy [machine learning] models.",
            "Prepare data with [Pandas] and [NumPy] and explore it in [Jupyter Notebook].",
            "Build baseline models with [scikit-learn] before reaching for anything heavier.",
            "Work with engineers to put models into production and monitor their performance.",
            "Present results and their limitations to business stakeholders.",
            "Keep experiments reproducible and documented."],
     core=["Python"], lead=["machine learning"], pool=["Pandas", "NumPy", "scikit-learn", "PyTorch", "Keras", "SQL", "data science", "Jupyter Notebook"], pool_k=(2, 4),
     nice=["natural language processing", "computer vision", "Apache Spark", "Docker", "R"], nice_k=(1, 2))

role("dba", family="ict",
     sectors=["finance", "public", "itservices", "health"],
     titles=["Database Administrator", "Oracle DBA", "Database Engineer"],
     weights=(4, 4, 4, 4),
     intros=["Our databases hold decades of customer and financial records.",
             "You will be responsible for the availability and performance of our database estate."],
     tasks=["Administer [Oracle Database] and [PostgreSQL] instances.",
            "Write and tune PL/SQL packages and help developers with slow queries.",
            "Plan and test backups, restores and upgrades.",
            "Manage access rights and support audits.",
            "Automate routine checks with shell scripts.",
            "Keep [Microsoft SQL Server] instances patched and monitored."],
     core=["SQL"], pool=["Oracle Database", "Oracle PL/SQL", "PostgreSQL", "MySQL", "Microsoft SQL Server", "Bash", "Linux", "IBM DB2"], pool_k=(2, 4),
     nice=["Python", "ETL", "data warehouse", "PowerShell"], nice_k=(1, 2))

role("sap_consultant", family="ict",
     sectors=["manufacturing", "logistics", "retail", "itservices", "energy"],
     titles=["SAP Consultant", "ERP Analyst (SAP)", "SAP Developer"],
     weights=(3, 3, 3, 3),
     intros=["Our business runs on SAP, from purchasing to payroll.",
             "We are preparing the move from our old ERP to [SAP S/4 HANA]."],
     tasks=["Configure and support [SAP ERP] modules for finance and logistics.",
            "Write small reports and enhancements in [ABAP].",
            "Analyse business processes and propose improvements.",
            "Test changes with key users and train them on new functions.",
            "Support the migration project with data mapping and cleansing."],
     core=["SAP ERP"], pool=["ABAP", "SAP S/4 HANA", "SQL", "Microsoft Excel"], pool_k=(1, 3),
     nice=["Microsoft Power BI", "Agile", "Atlassian JIRA"], nice_k=(1, 2))

role("bizapps", family="ict",
     sectors=["itservices", "public", "finance", "health"],
     titles=["Business Applications Analyst", "Dynamics CRM Administrator", "SharePoint Administrator"],
     weights=(2, 2, 2, 2),
     intros=["Our colleagues depend on a handful of business applications every day.",
             "You will be the link between business teams and our application platform."],
     tasks=["Configure [Microsoft Dynamics] for sales and customer service teams.",
            "Manage sites, permissions and document libraries in [Microsoft SharePoint].",
            "Automate approval flows with [Microsoft Power Automate].",
            "Gather requirements and write clear user stories.",
            "Train users and write short guides."],
     core=[], pool=["Microsoft Dynamics", "Microsoft SharePoint", "Microsoft Power Automate", "Microsoft Excel", "Microsoft Teams", "SQL"], pool_k=(2, 4),
     nice=["Microsoft Power BI", "PowerShell", "Agile"], nice_k=(1, 2))

role("qa_test", family="ict",
     sectors=["software", "finance", "itservices", "public"],
     titles=["Test Engineer", "QA Engineer", "Software Tester", "Test Automation Engineer"],
     weights=(3, 3, 3, 3),
     intros=["Quality is everyone's job here, but you will make it visible and measurable.",
             "We release every two weeks and want to do so with confidence."],
     tasks=["Design test cases and run exploratory tests on new features.",
            "Automate browser tests with [Selenium].",
            "Test APIs with [Postman] and add the checks to our CI/CD pipeline.",
            "Report defects clearly in [Atlassian JIRA].",
            "Work with developers and product owners to clarify acceptance criteria.",
            "Maintain test data and test environments."],
     core=[], pool=["Selenium", "Postman", "Atlassian JIRA", "Python", "Java", "JUnit", "SQL", "Jenkins", "Git"], pool_k=(3, 4),
     nice=["JavaScript", "Agile", "Docker", "GitLab"], nice_k=(1, 2))

role("cobol", family="ict",
     sectors=["finance", "public", "itservices"],
     titles=["COBOL Developer", "Mainframe Developer", "Mainframe Application Programmer"],
     weights=(2, 2, 2, 2),
     intros=["Our core banking and benefits systems still run on the mainframe, and they run very well.",
             "We are looking for a developer who is not afraid of code older than themselves."],
     tasks=["Maintain and extend batch programs written in [COBOL].",
            "Work with [IBM DB2] data and JCL job streams.",
            "Analyse incidents in nightly batch runs and fix them.",
            "Document business rules hidden in old code.",
            "Help the modernisation team understand interfaces to newer systems."],
     core=["COBOL"], pool=["IBM DB2", "SQL", "UNIX"], pool_k=(1, 2),
     nice=["Java", "Python", "Git"], nice_k=(1, 1))

role("it_pm", family="ict",
     sectors=["itservices", "public", "finance", "software", "health"],
     titles=["IT Project Manager", "Scrum Master", "Digital Project Manager", "IT Project Coordinator"],
     weights=(3, 3, 3, 3),
     intros=["We run a portfolio of IT projects, from small upgrades to multi-year programmes.",
             "You will keep projects on track and people informed."],
     tasks=["Plan projects, track progress and manage risks and budgets.",
            "Facilitate stand-ups, planning and retrospectives for [Agile] teams.",
            "Keep backlogs and roadmaps in [Atlassian JIRA] and [Atlassian Confluence].",
            "Report to steering groups in clear, short updates.",
            "Coordinate suppliers and internal teams."],
     core=["Agile"], pool=["PRINCE2", "Atlassian JIRA", "Atlassian Confluence", "Microsoft Project", "Microsoft Excel", "Microsoft PowerPoint"], pool_k=(2, 3),
     nice=["SQL", "DevOps", "ServiceNow"], nice_k=(1, 2))

role("python_backend", family="ict",
     sectors=["software", "finance", "media", "itservices"],
     titles=["Python Developer", "Backend Engineer (Python)", "Django Developer"],
     weights=(5, 4, 3, 2),
     intros=["Our backend is written in Python, and we like it that way.",
             "You will build the services behind our web and mobile products."],
     tasks=["Build web services and APIs with [Django] or [Flask].",
            "Design database schemas in [PostgreSQL].",
            "Write automated tests and keep coverage meaningful.",
            "Package services with [Docker] and deploy them through CI/CD.",
            "Profile and optimise slow endpoints.",
            "Take part in code reviews and architecture discussions."],
     core=["Python"], pool=["Django", "Flask", "PostgreSQL", "Docker", "Git", "Redis", "Linux", "SQL"], pool_k=(2, 4),
     nice=["Apache Kafka", "Elasticsearch", "GraphQL", "React"], nice_k=(1, 2))

role("office_admin", family="ict",
     sectors=["public", "health", "logistics", "education", "manufacturing"],
     titles=["Office Administrator", "Administrative Assistant", "Team Assistant", "Digital Office Coordinator"],
     weights=(3, 3, 3, 3),
     intros=["You will keep our office running and make sure nothing falls through the cracks.",
             "Our team needs an organised, friendly administrator with good digital skills."],
     tasks=["Prepare letters, minutes and reports in [Microsoft Word].",
            "Maintain spreadsheets and simple budgets in [Microsoft Excel].",
            "Manage calendars, meeting rooms and travel bookings in [Microsoft Outlook].",
            "Prepare presentations in [Microsoft PowerPoint].",
            "Answer phone and e-mail enquiries.",
            "Organise online meetings in [Microsoft Teams]."],
     core=["Microsoft Excel", "Microsoft Word"], pool=["Microsoft Outlook", "Microsoft PowerPoint", "Microsoft Teams", "Microsoft SharePoint", "Microsoft Access"], pool_k=(1, 3),
     nice=["SAP ERP", "Microsoft Power BI"], nice_k=(0, 1))

role("ai_app", family="ict",
     sectors=["software", "itservices", "finance", "media", "staffing"],
     titles=["AI Application Developer", "Generative AI Engineer", "AI Engineer (LLM applications)"],
     weights=(0, 0, 2, 4),
     intros=["We are putting large language models to work in customer service and internal search.",
             "Our new AI team builds assistants that help colleagues find answers in thousands of documents."],
     tasks=["Build assistants and search features on top of large language models.",
            "Design retrieval-augmented generation pipelines and evaluate answer quality.",
            "Store and query embeddings in a vector database.",
            "Apply prompt engineering and automated evaluation to keep answers grounded.",
            "Work with legal and security colleagues on responsible use of generative AI.",
            "Build prototypes quickly and turn the good ones into maintainable services."],
     core=["Python"], pool=["natural language processing", "Docker", "PostgreSQL", "Git", "Flask", "Elasticsearch"], pool_k=(1, 3),
     nice=["PyTorch", "React", "cloud computing"], nice_k=(1, 2))

role("ict_instructor", family="ict",
     sectors=["education"],
     titles=["ICT Instructor", "Vocational Teacher, Computing", "IT Trainer"],
     weights=(2, 2, 2, 2),
     intros=["Our learners range from school leavers to adults changing careers.",
             "You will teach practical computing to apprentices and evening students."],
     tasks=["Teach practical classes in programming, networking and office applications.",
            "Develop course material and assessments aligned with national qualifications.",
            "Support learners on work placements and keep in touch with employers.",
            "Maintain the computer labs together with the technician.",
            "Mark assignments and give feedback that helps learners improve."],
     core=[], pool=["Microsoft Excel", "Microsoft Word", "Python", "Java", "SQL", "network protocols", "Cisco IOS", "JavaScript", "CSS", "Linux"], pool_k=(2, 4),
     nice=["Microsoft Teams", "Git"], nice_k=(0, 1))

role("automation_tech", family="ict",
     sectors=["manufacturing", "energy", "logistics"],
     titles=["Automation Technician", "Control Systems Technician", "Maintenance Technician (Automation)"],
     weights=(2, 2, 2, 2),
     intros=["Our automated equipment depends on well-maintained control systems.",
             "You will keep automated machinery running and help us improve it."],
     tasks=["Maintain, fault-find and modify [PLC] programs on production equipment.",
            "Read electrical drawings, including those made in [Autodesk AutoCAD].",
            "Work shifts with the maintenance team and respond to breakdowns.",
            "Record work orders and spare parts in the maintenance system.",
            "Support commissioning of new machines."],
     core=["PLC"], pool=["Autodesk AutoCAD", "Microsoft Excel", "SAP ERP"], pool_k=(0, 2),
     nice=["Python", "network protocols"], nice_k=(0, 1))

# Non-ICT roles: few or no ICT skills.
role("electrician", family="non",
     sectors=["energy", "manufacturing", "staffing", "public"],
     titles=["Electrician", "Maintenance Electrician", "Installation Electrician"],
     weights=(3, 3, 3, 3),
     intros=["We need a qualified electrician for installation and maintenance work.",
             "Our maintenance team is looking for an experienced electrician."],
     tasks=["Install, test and maintain low-voltage installations.",
            "Find and repair faults in lighting, power and control circuits.",
            "Carry out periodic inspections and record the results.",
            "Work safely in line with the current wiring regulations.",
            "Support apprentices on site."],
     core=[], pool=["PLC", "Microsoft Excel"], pool_k=(0, 1),
     nice=[], nice_k=(0, 0),
     plain_reqs=["A recognised electrical qualification and at least two years of experience.",
                 "A full driving licence.", "Willingness to take part in the on-call rota."])

role("logistics_clerk", family="non",
     sectors=["logistics", "retail", "manufacturing"],
     titles=["Logistics Clerk", "Shipping Coordinator", "Transport Planner"],
     weights=(3, 3, 3, 3),
     intros=["Our depot ships thousands of orders every week and needs an accurate logistics clerk.",
             "You will keep goods and paperwork moving in the right direction."],
     tasks=["Prepare shipping documents and customs paperwork.",
            "Book transport with carriers and track deliveries.",
            "Handle questions from drivers, customers and colleagues.",
            "Check stock levels and report discrepancies.",
            "Plan daily routes together with the transport manager."],
     core=[], pool=["SAP ERP", "Microsoft Excel", "Microsoft Outlook"], pool_k=(0, 2),
     nice=[], nice_k=(0, 0),
     plain_reqs=["Experience in an office role in transport or warehousing.",
                 "Good organisational skills and an eye for detail.", "Good spoken and written English."])

role("nurse", family="non",
     sectors=["health"],
     titles=["Registered Nurse", "Staff Nurse", "Community Nurse"],
     weights=(3, 3, 3, 3),
     intros=["We are looking for a caring, registered nurse to join our ward team.",
             "Our community team visits patients in their homes across the district."],
     tasks=["Assess, plan and deliver patient care.",
            "Administer medication and monitor patients' condition.",
            "Keep accurate patient records.",
            "Work closely with doctors, therapists and families.",
            "Support student nurses during their placements."],
     core=[], pool=["Epic Systems"], pool_k=(0, 1),
     nice=[], nice_k=(0, 0),
     plain_reqs=["Current nursing registration.", "Willingness to work shifts, including weekends.",
                 "Compassion and good communication skills."])

role("warehouse", family="non",
     sectors=["logistics", "retail"],
     titles=["Warehouse Operative", "Forklift Driver", "Order Picker"],
     weights=(1.5, 1.5, 1.5, 1.5),
     intros=["We are recruiting warehouse staff for day and night shifts.",
             "Our distribution centre is busy all year round."],
     tasks=["Pick and pack orders accurately using handheld scanners.",
            "Load and unload vehicles safely.",
            "Keep the warehouse clean and tidy.",
            "Operate counterbalance and reach trucks (licence required)."],
     core=[], pool=[], pool_k=(0, 0), nice=[], nice_k=(0, 0),
     plain_reqs=["A valid forklift licence is an advantage.", "Reliability and good physical fitness."])

role("kitchen", family="non",
     sectors=["hospitality"],
     titles=["Kitchen Assistant", "Commis Chef", "Breakfast Cook"],
     weights=(1, 1, 1, 1),
     intros=["Our café kitchen serves breakfast and lunch to locals and hotel guests.",
             "Work with a friendly team in a busy hotel kitchen."],
     tasks=["Support the head chef with preparation and service.",
            "Prepare breakfast dishes and simple lunches.",
            "Keep the kitchen clean and follow food hygiene rules.",
            "Check deliveries and rotate stock."],
     core=[], pool=[], pool_k=(0, 0), nice=[], nice_k=(0, 0),
     plain_reqs=["A food hygiene certificate or willingness to get one.", "Early starts and weekend work."])

role("driver", family="non",
     sectors=["logistics", "retail", "public"],
     titles=["Delivery Driver", "HGV Driver", "Bus Driver"],
     weights=(1.5, 1.5, 1.5, 1.5),
     intros=["We are looking for safe, customer-friendly drivers who keep every journey swift and smooth.",
             "Join our driving team and keep the region moving."],
     tasks=["Drive planned routes safely and on time.",
            "Check the vehicle before every shift.",
            "Deliver goods or carry passengers with a smile.",
            "Complete delivery records on a handheld device."],
     core=[], pool=[], pool_k=(0, 0), nice=[], nice_k=(0, 0),
     plain_reqs=["The right licence for the vehicle class.", "A clean driving record.",
                 "Good local knowledge of the area."])

# Per-role probabilities (2021, 2022, 2023, 2024) for the planted skills.
# The trends are deliberately strong: with ~95 postings a year the engine's
# window comparison (2023-24 vs 2021-22, Fisher / two-proportion test,
# Benjamini-Hochberg over ~120 skills) must confirm every one of them, so
# each planted skill is spread over many roles rather than a single one.
TREND = {
    "Kubernetes": {
        "devops": (0.30, 0.60, 0.85, 1.00), "cloud_platform": (0.30, 0.60, 0.85, 1.00),
        "linux_sysadmin": (0.05, 0.20, 0.45, 0.75), "java_dev": (0, 0.08, 0.25, 0.45),
        "dotnet_dev": (0, 0.05, 0.15, 0.30), "fullstack_node": (0, 0.10, 0.25, 0.50),
        "python_backend": (0, 0.10, 0.30, 0.60), "data_engineer": (0, 0.10, 0.30, 0.60),
        "ml_engineer": (0, 0.05, 0.25, 0.50), "ai_app": (0, 0, 0.30, 0.50),
        "security_analyst": (0, 0.05, 0.15, 0.35), "qa_test": (0, 0.03, 0.10, 0.30),
        "network_eng": (0, 0.02, 0.10, 0.25), "dba": (0, 0.02, 0.10, 0.25),
        "frontend": (0, 0, 0.05, 0.10)},
    "Ansible": {
        "devops": (0.20, 0.50, 0.80, 1.00), "cloud_platform": (0.20, 0.50, 0.80, 1.00),
        "linux_sysadmin": (0.10, 0.40, 0.75, 0.95), "network_eng": (0, 0.10, 0.40, 0.85),
        "security_analyst": (0, 0.05, 0.30, 0.70), "dba": (0, 0.05, 0.30, 0.70),
        "it_support": (0, 0.02, 0.10, 0.30), "java_dev": (0, 0.03, 0.15, 0.40),
        "dotnet_dev": (0, 0.02, 0.08, 0.20), "python_backend": (0, 0.05, 0.20, 0.50),
        "data_engineer": (0, 0.05, 0.20, 0.60), "ml_engineer": (0, 0, 0.10, 0.30),
        "qa_test": (0, 0.03, 0.15, 0.40), "embedded_cpp": (0, 0.02, 0.10, 0.35),
        "ict_instructor": (0, 0, 0.15, 0.50)},
    "machine learning": {
        "ml_engineer": (0.50, 0.70, 0.95, 1.00), "data_analyst": (0.05, 0.10, 0.40, 0.80),
        "data_engineer": (0.20, 0.25, 0.45, 0.85), "python_backend": (0.05, 0.10, 0.30, 0.60),
        "ai_app": (0, 0, 0.70, 0.90), "security_analyst": (0, 0.05, 0.20, 0.50),
        "it_pm": (0, 0.03, 0.15, 0.50), "ict_instructor": (0, 0.05, 0.30, 0.70),
        "bizapps": (0, 0.03, 0.15, 0.50), "embedded_cpp": (0, 0.05, 0.20, 0.50),
        "automation_tech": (0, 0.03, 0.12, 0.40), "java_dev": (0, 0.02, 0.10, 0.30),
        "fullstack_node": (0, 0.02, 0.12, 0.35), "qa_test": (0, 0.02, 0.10, 0.30),
        "dba": (0, 0.02, 0.08, 0.25), "devops": (0, 0.02, 0.12, 0.35),
        "cloud_platform": (0, 0.03, 0.12, 0.35), "dotnet_dev": (0, 0.02, 0.08, 0.15),
        "frontend": (0, 0.02, 0.08, 0.15)},
    "TensorFlow": {
        "ml_engineer": (0.50, 0.65, 0.90, 1.00), "ai_app": (0, 0, 0.50, 0.80),
        "data_engineer": (0.05, 0.10, 0.35, 0.80), "data_analyst": (0, 0.05, 0.25, 0.60),
        "python_backend": (0.05, 0.08, 0.25, 0.60), "embedded_cpp": (0, 0.05, 0.25, 0.70),
        "mobile": (0, 0.05, 0.20, 0.55), "devops": (0, 0.05, 0.15, 0.45),
        "cloud_platform": (0, 0.05, 0.15, 0.45), "ict_instructor": (0, 0.05, 0.25, 0.70),
        "security_analyst": (0, 0.03, 0.12, 0.45), "automation_tech": (0, 0.03, 0.12, 0.45),
        "fullstack_node": (0, 0.03, 0.10, 0.40), "frontend": (0, 0.02, 0.08, 0.25),
        "java_dev": (0, 0.02, 0.08, 0.30), "qa_test": (0, 0.02, 0.08, 0.35),
        "dba": (0, 0.02, 0.08, 0.20), "dotnet_dev": (0, 0.02, 0.08, 0.15)},
    "jQuery": {
        "php_web": (0.95, 0.70, 0.35, 0.15), "frontend": (1.00, 0.60, 0.20, 0.03),
        "dotnet_dev": (0.80, 0.45, 0.15, 0.03), "fullstack_node": (0.60, 0.35, 0.12, 0.02),
        "java_dev": (0.50, 0.20, 0.05, 0), "qa_test": (0.55, 0.25, 0.05, 0),
        "ict_instructor": (0.70, 0.45, 0.20, 0.05), "python_backend": (0.50, 0.20, 0.05, 0),
        "bizapps": (0.60, 0.30, 0.05, 0), "mobile": (0.35, 0.15, 0.03, 0)},
    "Perl": {
        "linux_sysadmin": (1.00, 0.60, 0.25, 0.05), "dba": (0.85, 0.50, 0.15, 0.03),
        "network_eng": (0.80, 0.45, 0.12, 0.02), "embedded_cpp": (0.70, 0.40, 0.10, 0),
        "devops": (0.80, 0.45, 0.12, 0.02), "qa_test": (0.60, 0.30, 0.08, 0),
        "cobol": (0.70, 0.45, 0.15, 0.05), "security_analyst": (0.60, 0.30, 0.08, 0),
        "data_engineer": (0.60, 0.30, 0.08, 0), "cloud_platform": (0.50, 0.25, 0.05, 0),
        "php_web": (0.35, 0.15, 0.05, 0), "it_support": (0.15, 0.05, 0, 0),
        "ict_instructor": (0.30, 0.15, 0.05, 0)},
    "PHP": {
        "php_web": (1.00, 0.80, 0.45, 0.25), "fullstack_node": (0.90, 0.50, 0.12, 0.02),
        "frontend": (0.70, 0.35, 0.08, 0), "ict_instructor": (0.80, 0.50, 0.20, 0.05),
        "linux_sysadmin": (0.50, 0.25, 0.05, 0), "security_analyst": (0.40, 0.20, 0.05, 0),
        "qa_test": (0.60, 0.30, 0.05, 0), "python_backend": (0.40, 0.20, 0.05, 0),
        "mobile": (0.30, 0.15, 0.05, 0), "dba": (0.30, 0.15, 0.05, 0),
        "java_dev": (0.30, 0.15, 0.02, 0), "dotnet_dev": (0.30, 0.15, 0.02, 0),
        "devops": (0.30, 0.15, 0.03, 0), "bizapps": (0.20, 0.10, 0.03, 0)},
    "OpenAI ChatGPT": {
        "ai_app": (0, 0, 0.80, 0.95), "office_admin": (0, 0, 0.30, 0.60),
        "data_analyst": (0, 0, 0.20, 0.45), "it_pm": (0, 0, 0.20, 0.45),
        "ict_instructor": (0, 0, 0.40, 0.70), "frontend": (0, 0, 0.08, 0.20),
        "python_backend": (0, 0, 0.15, 0.35), "bizapps": (0, 0, 0.20, 0.50),
        "it_support": (0, 0, 0.08, 0.20), "fullstack_node": (0, 0, 0.10, 0.25),
        "qa_test": (0, 0, 0.10, 0.25), "ml_engineer": (0, 0, 0.15, 0.30)},
    "MLflow": {
        "ml_engineer": (0, 0, 0.50, 0.95), "data_engineer": (0, 0, 0.30, 0.70),
        "ai_app": (0, 0, 0.30, 0.60), "devops": (0, 0, 0.10, 0.30),
        "cloud_platform": (0, 0, 0.10, 0.30), "python_backend": (0, 0, 0.10, 0.30),
        "data_analyst": (0, 0, 0.05, 0.25)},
}

# Dedicated sentences used for some planted-skill mentions.
TREND_SENT = {
    "Kubernetes": ["You will help us move our services onto [Kubernetes].",
                   "Most of our workloads run on [Kubernetes], so you should be comfortable with it.",
                   "Experience operating [Kubernetes] clusters in production is highly valued.",
                   "Our applications are deployed to [Kubernetes] by the platform team."],
    "Ansible": ["Server configuration is automated with [Ansible].",
                "You will write and review [Ansible] playbooks as infrastructure as code.",
                "We are replacing manual runbooks with [Ansible] automation.",
                "Routine changes are rolled out with [Ansible] rather than by hand."],
    "machine learning": ["Some projects involve [machine learning], so curiosity about models is welcome.",
                         "You will support colleagues who build [machine learning] features.",
                         "An understanding of [machine learning] basics helps in this role.",
                         "We are adding [machine learning] to several of our products."],
    "TensorFlow": ["Our deep-learning models are built with [TensorFlow].",
                   "Experience training and serving models in [TensorFlow] is a strong plus.",
                   "You will help run models built in [TensorFlow] alongside our other services."],
    "jQuery": ["Parts of the code base still use [jQuery].",
               "You will maintain older pages written with [jQuery].",
               "Most of our interactive pages are built with [jQuery]."],
    "Perl": ["Some older automation is written in [Perl] and needs looking after.",
             "You should be able to read and fix legacy [Perl] scripts.",
             "Many of our nightly jobs are [Perl] scripts."],
    "PHP": ["A few older services are written in [PHP].",
            "Some knowledge of [PHP] helps with our legacy applications.",
            "Several of our internal tools are written in [PHP]."],
    "OpenAI ChatGPT": ["We encourage responsible use of AI assistants such as [OpenAI ChatGPT] in daily work.",
                       "You will help colleagues use [OpenAI ChatGPT] safely and productively.",
                       "Experience building on [OpenAI ChatGPT] and similar services is expected."],
    "MLflow": ["Experiments and model versions are tracked in [MLflow].",
               "You will introduce [MLflow] for experiment tracking across teams.",
               "Models are registered and deployed through [MLflow]."],
}

# Sentences with out-of-taxonomy terms, for roles that are not ai_app.  Each
# term occurs in exactly three of the six sentences, and the sentences are
# used in turn, so every term gets about the same number of mentions.
NEW_TERM_SENT = [
    "Experience with large language models, LangChain and prompt engineering is a plus.",
    "We are piloting generative AI on our own documents, using retrieval-augmented generation and a vector database.",
    "Curiosity about generative AI, prompt engineering and large language models is appreciated.",
    "Knowledge of a vector database, LangChain or retrieval-augmented generation is welcome.",
    "You will help us evaluate generative AI tools built on large language models, including retrieval-augmented generation.",
    "Familiarity with prompt engineering, LangChain and a vector database would be an advantage.",
]
NEW_TERM_P = {"ml_engineer": (0, 0, 0.40, 0.80), "data_engineer": (0, 0, 0.20, 0.50),
              "python_backend": (0, 0, 0.20, 0.50), "office_admin": (0, 0, 0.15, 0.40),
              "data_analyst": (0, 0, 0.15, 0.40), "ict_instructor": (0, 0, 0.30, 0.60),
              "it_pm": (0, 0, 0.15, 0.40), "fullstack_node": (0, 0, 0.10, 0.30),
              "frontend": (0, 0, 0.05, 0.20), "bizapps": (0, 0, 0.15, 0.40),
              "java_dev": (0, 0, 0.05, 0.10), "dotnet_dev": (0, 0, 0.05, 0.10),
              "security_analyst": (0, 0, 0.05, 0.20), "qa_test": (0, 0, 0.05, 0.20)}
AI_APP_EXTRA = [
    "Hands-on experience with LangChain or a similar framework is expected.",
    "You know how a vector database works, how LangChain pipelines fit together, and when not to use either.",
    "You have shipped at least one product built on large language models.",
    "Prompt engineering is part of the job, but so are tests and monitoring.",
]

BRACKET = re.compile(r"\[([^\[\]]+)\]")


def render(text):
    """Replace [Skill] markup by the skill name; every name must be verified."""
    def sub(m):
        name = m.group(1)
        if name not in SKILLS:
            raise SystemExit("unverified skill in fragment: %r" % name)
        return name
    return BRACKET.sub(sub, text)


def bracket_skills(text):
    return set(BRACKET.findall(text))


AN_PREFIXES = ("ML ", "SAP ", "ERP ", "IT ", "ICT ", "AI ", "HGV ")
A_PREFIXES = ("UI ", "UNIX")


def article(title):
    if title.startswith(AN_PREFIXES):
        return "an " + title
    if title.startswith(A_PREFIXES):
        return "a " + title
    return ("an " if title[0].lower() in "aeiou" else "a ") + title


def join_en(items, rng, allow_or=False):
    items = list(items)
    if len(items) == 1:
        return items[0]
    conj = " or " if allow_or and rng.random() < 0.25 else " and "
    comma = "," if rng.random() < 0.3 and len(items) > 2 else ""
    return ", ".join(items[:-1]) + comma + conj + items[-1]


def lower_first(item):
    """Lower-case the first letter of a list item unless it is a [Skill]."""
    return item if item.startswith("[") else item[:1].lower() + item[1:]


def word_count(text):
    return len(text.split())


def whole_word(term):
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


def fisher_exact(a, n1, c, n2):
    """Two-sided Fisher exact p-value for a of n1 versus c of n2."""
    k, n = a + c, n1 + n2

    def logp(x):
        return (math.lgamma(n1 + 1) - math.lgamma(x + 1) - math.lgamma(n1 - x + 1)
                + math.lgamma(n2 + 1) - math.lgamma(k - x + 1) - math.lgamma(n2 - k + x + 1)
                - math.lgamma(n + 1) + math.lgamma(k + 1) + math.lgamma(n - k + 1))

    observed = logp(a)
    return min(1.0, sum(math.exp(logp(x)) for x in range(max(0, k - n2), min(k, n1) + 1)
                        if logp(x) <= observed + 1e-7))


# Skills meant to stay flat; reported with the window test in ground_truth.json.
STABLE = ["SQL", "Java", "JavaScript", "Linux", "Git", "Microsoft Excel", "C#",
          "Cisco IOS", "Python", "Docker"]


def pick_weighted(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def random_date(rng, year):
    start = datetime.date(year, 1, 1)
    days = (datetime.date(year, 12, 31) - start).days
    return start + datetime.timedelta(days=rng.randint(0, days))


def compose(rng, role_key, employer, year, utf8_budget, acc):
    r = R[role_key]
    name, sector, regions, _w, style = employer
    yi = year - 2021
    region_weights = {"Capital Region": 6, "North Metro": 5, "Coastal": 3,
                      "Lakes": 3, "Highlands": 1.2, "Southern Plains": 1.5}
    if r["family"] == "non":
        region_weights = {"Capital Region": 2, "North Metro": 2, "Coastal": 2,
                          "Lakes": 2, "Highlands": 3, "Southern Plains": 3}
    region = pick_weighted(rng, regions, [region_weights[x] for x in regions])

    # --- skills
    def balanced_sample(pool, k, tag):
        # Least-used-first within (role, year): every pool skill gets about
        # the same number of mentions, so non-planted skills stay stable.
        order = sorted(pool, key=lambda s: (acc.get((tag, role_key, year, s), 0), rng.random()))
        chosen = order[:min(k, len(order))]
        for s in chosen:
            acc[(tag, role_key, year, s)] = acc.get((tag, role_key, year, s), 0) + 1
        return chosen

    req = list(r["core"])
    lead = []
    pool = [s for s in r["pool"] if s not in req]
    req += balanced_sample(pool, rng.randint(*r["pool_k"]), "pool")
    nice_pool = [s for s in r["nice"] if s not in req]
    nice = balanced_sample(nice_pool, rng.randint(*r["nice_k"]), "nice")
    trend_sentences = []
    planted = set()
    for skill, per_role in TREND.items():
        p = per_role.get(role_key)
        if not p or not p[yi]:
            continue
        # Error diffusion instead of independent coin flips: over the
        # postings of one role and year, the skill is mentioned in
        # round(p * n) of them, so small yearly samples still show the
        # designed trend.
        key = (skill, role_key, year)
        acc[key] = acc.get(key, rng.random()) + p[yi]
        if acc[key] < 1:
            continue
        acc[key] -= 1
        planted.add(skill)
        u = rng.random()
        if skill in r.get("lead", ()):
            lead.append(skill)
        elif max(p) < 0.5:
            # Peripheral to this role (never in more than half of its
            # postings): a nice-to-have or a sentence, never a requirement.
            if u < 0.55:
                nice.append(skill)
            else:
                trend_sentences.append(rng.choice(TREND_SENT[skill]))
        elif u < 0.45:
            req.append(skill)
        elif u < 0.75:
            nice.append(skill)
        else:
            trend_sentences.append(rng.choice(TREND_SENT[skill]))
    rng.shuffle(req)
    # Keep core skills first most of the time.
    if r["core"] and rng.random() < 0.6:
        req = list(r["core"]) + [s for s in req if s not in r["core"]]
    # A role's own planted skill (PHP for php_web, machine learning for
    # ml_engineer), when drawn, leads the requirements.
    req = lead + req

    # --- title and tasks: a title or task sentence that names a planted skill
    # is only used when that skill was drawn for this posting above, so the
    # planted skills stay exactly where the TREND table puts them.
    def planted_in(text):
        return set(t for t in PLANTED if whole_word(t).search(render(text)))
    title = rng.choice([t for t in r["titles"] if planted_in(t) <= planted])
    tasks = [t for t in r["tasks"] if planted_in(t) <= planted]
    n_tasks = rng.randint(3, min(5, len(tasks)))
    tasks = rng.sample(tasks, n_tasks)

    # --- new terms
    extra = []
    if role_key == "ai_app":
        extra += rng.sample(AI_APP_EXTRA, rng.randint(1, 2))
    else:
        p = NEW_TERM_P.get(role_key)
        if p and p[yi]:
            key = ("new-terms", role_key, year)
            acc[key] = acc.get(key, rng.random()) + p[yi]
            if acc[key] >= 1:
                acc[key] -= 1
                turn = acc.get("new-term-turn", 0)
                acc["new-term-turn"] = turn + 1
                extra.append(NEW_TERM_SENT[turn % len(NEW_TERM_SENT)])

    # --- text blocks
    fmt = dict(employer=name, region=region, where=WHERE[region], title=title, a_title=article(title))
    intro = rng.choice(GENERIC_INTROS).format(**fmt)
    role_intro = rng.choice(r["intros"])
    blurb = rng.choice(SECTOR_BLURBS[sector]) if rng.random() < 0.6 else None

    closings = rng.sample(CLOSINGS, rng.randint(1, 3))
    closings = [c.format(**fmt) for c in closings]
    if utf8_budget[0] > 0 and rng.random() < 0.06:
        closings.append(CLOSINGS_UTF8[utf8_budget[0] % len(CLOSINGS_UTF8)])
        utf8_budget[0] -= 1

    def skill_names(items):
        return ["[%s]" % s for s in items]

    plain = r.get("plain_reqs", [])
    if plain:
        plain = rng.sample(plain, rng.randint(1, len(plain)))

    # Decisions that do not depend on length are drawn once, up front.
    bullet = "\u2022 " if style == "dot" else "- "
    inline = style == "inline" or (style == "headed" and rng.random() < 0.3)
    with_role_intro = rng.random() < 0.5
    blurb_first = rng.random() < 0.5
    reqs_first = rng.random() < (0.25 if inline else 0.2)
    req_phrase = rng.choice(REQ_INLINE)
    nice_phrase = rng.choice(NICE_INLINE)
    req_items = [rng.choice(REQ_ITEM).format(s="[%s]" % s) for s in req] + [p.rstrip(".") for p in plain]
    nice_items = [rng.choice(NICE_ITEM).format(s="[%s]" % s) for s in nice]
    req_join = join_en(skill_names(req), rng) if req else ""
    nice_join = join_en(skill_names(nice), rng, allow_or=True) if nice else ""
    nice_items_join = join_en([lower_first(i) for i in nice_items], rng, allow_or=True) if nice else ""
    task_heading = rng.choice(TASK_HEADINGS)
    req_heading = rng.choice(REQ_HEADINGS)
    nice_heading = rng.choice(NICE_HEADINGS)
    fillers = [c.format(**fmt) for c in CLOSINGS if c.format(**fmt) not in closings]
    rng.shuffle(fillers)

    def build(tasks, closings, role_intro_on, blurb):
        if inline:
            parts = [intro]
            if role_intro_on:
                parts.append(role_intro)
            if blurb:
                parts.insert(0 if blurb_first else len(parts), blurb)
            body = [" ".join(tasks)]
            reqs = []
            if req:
                reqs.append(req_phrase.format(req=req_join))
            reqs += plain
            if nice:
                reqs.append(nice_phrase.format(nice=nice_join))
            reqs += trend_sentences + extra
            body = reqs + body if reqs_first else body + reqs
            return " ".join(parts + body + closings)
        lines = [intro + " " + role_intro if role_intro_on else intro]
        if blurb:
            lines.append(blurb)
        task_lines = [task_heading]
        if style == "headed":
            task_lines.append(" ".join(tasks))
        else:
            task_lines += [bullet + t.rstrip(".") for t in tasks]
        req_lines = []
        if req_items:
            req_lines.append(req_heading)
            if style == "headed":
                req_lines.append("; ".join([req_items[0]] + [lower_first(i) for i in req_items[1:]]) + ".")
            else:
                req_lines += [bullet + i for i in req_items]
        if nice:
            if style == "headed":
                req_lines.append(nice_heading + " " + nice_items_join + ".")
            else:
                req_lines.append(nice_heading)
                req_lines += [bullet + i for i in nice_items]
        req_lines += trend_sentences + extra
        blocks = [task_lines, req_lines]
        if reqs_first:
            blocks.reverse()
        lines += [l for b in blocks for l in b if l]
        if closings:
            lines.append(" ".join(closings))
        return "\n".join(lines)

    # --- length control: 60..250 words
    role_intro_on = with_role_intro
    text = render(build(tasks, closings, role_intro_on, blurb))
    while word_count(text) > 250:
        if blurb:
            blurb = None
        elif len(closings) > 1:
            closings = closings[:-1]
        elif role_intro_on:
            role_intro_on = False
        elif len(tasks) > 2:
            tasks = tasks[:-1]
        else:
            raise SystemExit("cannot shorten posting for role %s" % role_key)
        text = render(build(tasks, closings, role_intro_on, blurb))
    while word_count(text) < 60:
        if not role_intro_on:
            role_intro_on = True
        elif not blurb:
            blurb = rng.choice(SECTOR_BLURBS[sector])
        elif fillers:
            closings = closings + [fillers.pop()]
        else:
            raise SystemExit("cannot lengthen posting for role %s" % role_key)
        text = render(build(tasks, closings, role_intro_on, blurb))
    return title, region, text, planted


def role_quota(rng, role_keys, year, n):
    """Role of each posting in a year: largest-remainder quotas, shuffled."""
    yi = year - 2021
    weights = [R[k]["weights"][yi] for k in role_keys]
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(x) for x in exact]
    rest = sorted(range(len(role_keys)), key=lambda i: (counts[i] - exact[i], rng.random()))
    for i in rest[:n - sum(counts)]:
        counts[i] += 1
    keys = [k for k, c in zip(role_keys, counts) for _ in range(c)]
    rng.shuffle(keys)
    return keys


def generate_postings():
    rng = random.Random(SEED)
    role_keys = list(R)
    utf8_budget = [8]
    base = []
    seq = 0
    acc = {}
    for year, n in YEARS.items():
        for key in role_quota(rng, role_keys, year, n):
            emps = [e for e in EMPLOYERS if e[1] in R[key]["sectors"]]
            emp = pick_weighted(rng, emps, [e[3] for e in emps])
            title, region, text, planted = compose(rng, key, emp, year, utf8_budget, acc)
            date = random_date(rng, year)
            base.append(dict(seq=seq, role=key, title=title, description=text,
                             date=date, region=region, employer=emp[0], planted=planted))
            seq += 1

    # Exact reposts: same title, description, employer (and region), new id,
    # date 3..9 days later, same calendar year.
    candidates = [p for p in base if R[p["role"]]["family"] == "ict"
                  and p["date"] <= datetime.date(p["date"].year, 12, 15)]
    reposts = []
    for orig in rng.sample(candidates, N_REPOSTS):
        rp = dict(orig)
        rp["seq"] = seq
        seq += 1
        rp["date"] = orig["date"] + datetime.timedelta(days=rng.randint(3, 9))
        rp["repost_of"] = orig["seq"]
        reposts.append(rp)

    allp = sorted(base + reposts, key=lambda p: (p["date"], p["seq"]))
    for i, p in enumerate(allp, 1):
        p["id"] = "sp-%04d" % i
        p["line"] = i
    by_seq = {p["seq"]: p for p in allp}
    return allp, by_seq, rng


def malformed_lines(next_id):
    a, b, c = ("sp-%04d" % (next_id + i) for i in range(3))
    truncated = ('{"id": "%s", "title": "Junior Network Technician", "description": '
                 '"Help us keep the campus network running. You will patch cables, '
                 'configure switches with Cisco IOS and' % a)
    not_json = "<<< export interrupted: board-feed v2 lost connection at record %s >>>" % b
    bad_date = json.dumps(dict(
        id=c, title="IT Support Technician",
        description=("Lakes County Council is looking for an IT Support Technician to join its "
                     "team in the Lakes. Log, prioritise and resolve tickets in ServiceNow. Set up "
                     "laptops, phones and printers for new colleagues. Manage user accounts in "
                     "Active Directory. Required: Microsoft Windows, Microsoft Outlook and "
                     "Microsoft Teams. This is a permanent, full-time position."),
        date="2023-13-45", region="Lakes", employer="Lakes County Council"),
        ensure_ascii=False)
    return [truncated, not_json, bad_date]


def postings_jsonl():
    allp, by_seq, _ = generate_postings()
    lines = []
    for p in allp:
        obj = {"id": p["id"], "title": p["title"], "description": p["description"],
               "date": p["date"].isoformat(), "region": p["region"], "employer": p["employer"]}
        lines.append(json.dumps(obj, ensure_ascii=False))
    bad = malformed_lines(len(allp) + 1)
    lines += bad
    text = "\n".join(lines) + "\n"

    # ground truth
    reposts = [dict(line=p["line"], id=p["id"], original_line=by_seq[p["repost_of"]]["line"],
                    original_id=by_seq[p["repost_of"]]["id"])
               for p in allp if "repost_of" in p]
    per_year = {}
    for p in allp:
        per_year.setdefault(p["date"].year, []).append(p)
    shares = {}
    for term in PLANTED + NEW_TERMS:
        rx = whole_word(term)
        shares[term] = {str(y): round(sum(1 for p in ps if rx.search(p["title"] + "\n" + p["description"])) / len(ps), 3)
                        for y, ps in sorted(per_year.items())}
    # Window comparison as the engine makes it: 2023-24 against 2021-22,
    # exact reposts left out, two-sided Fisher exact test per skill.
    unique = [p for p in allp if "repost_of" not in p]
    recent = [p["title"] + "\n" + p["description"] for p in unique if p["date"].year >= 2023]
    ref = [p["title"] + "\n" + p["description"] for p in unique if p["date"].year <= 2022]
    window = {}
    for term in PLANTED + STABLE:
        rx = whole_word(term)
        a, c = sum(1 for t in recent if rx.search(t)), sum(1 for t in ref if rx.search(t))
        window[term] = {"recent": a, "reference": c,
                        "fisher_p": float("%.3g" % fisher_exact(a, len(recent), c, len(ref)))}
    truth = {
        "postings_file": "postings.jsonl",
        "lines_total": len(lines),
        "valid_lines": len(allp),
        "malformed_lines": [len(allp) + 1, len(allp) + 2, len(allp) + 3],
        "malformed_kinds": ["truncated JSON object", "not JSON", "invalid date 2023-13-45"],
        "reposts": reposts,
        "postings_per_year": {str(y): len(ps) for y, ps in sorted(per_year.items())},
        "non_ict_postings": sum(1 for p in allp if R[p["role"]]["family"] == "non"),
        "rising": RISING, "falling": FALLING, "new_from_2023": NEW_FROM_2023,
        "out_of_taxonomy_terms": NEW_TERMS,
        "share_by_year": shares,
        "share_definition": "fraction of valid postings (reposts included) in that year whose title or "
                            "description contains the term as a whole word, case-insensitive",
        "window_test": {
            "recent": "2023-01..2024-12", "reference": "2021-01..2022-12",
            "definition": "unique postings (exact reposts left out) whose title or description contains "
                          "the term as a whole word, case-insensitive; two-sided Fisher exact test",
            "recent_postings": len(recent), "reference_postings": len(ref),
            "stable": STABLE,
            "counts": window,
        },
    }
    # consistency: planted skills found in text == planted skills inserted
    return text, truth, allp


# --------------------------------------------------------------------------
# Training programmes (all fictional).  id, title, provider, region, text.
# --------------------------------------------------------------------------
PROGRAMMES = [
    # Capital Region (14)
    ("Software Development with Java", "Capital Institute of Applied Technology", "Capital Region",
     "A two-year vocational programme for future application developers. Learners write object-oriented "
     "programs in [Java], design relational databases and query them with [SQL], and use [Git] for version "
     "control from the first week. The final term is a team project for a local employer, run in short "
     "[Agile] iterations with weekly demonstrations. Entry: school-leaving certificate with mathematics. "
     "Assessment is by portfolio, a written exam and a professional discussion."),
    ("Database Design and SQL", "Capital Institute of Applied Technology", "Capital Region",
     "Covers data modelling, normalisation and [SQL] (queries, joins, views, stored procedures) on "
     "[MySQL] and [Microsoft SQL Server]. Learners design a small database for a fictional sports club, "
     "load it with data and write the reports the club asks for. Includes an introduction to reporting "
     "with [Microsoft Excel] pivot tables. Suitable for apprentices in IT, finance and administration; "
     "two evenings a week for twelve weeks."),
    ("IT Support Technician (Level 3)", "Capital Institute of Applied Technology", "Capital Region",
     "Prepares learners for first- and second-line support roles: installing and configuring [Microsoft "
     "Windows], managing users in [Active Directory], basic [Microsoft Windows Server] administration, "
     "printers, e-mail in [Microsoft Outlook], and \"soft\" skills such as handling difficult calls. "
     "Learners run the college's own help desk for one term, under supervision. Includes 300 hours of "
     "work placement and leads to a nationally recognised Level 3 qualification."),
    ("Web Design and Development", "Brightpath Digital Academy", "Capital Region",
     "A 16-week full-time course: HTML5, [CSS], [JavaScript] and [jQuery], followed by server-side "
     "programming in [PHP] with [MySQL]. Learners build and publish three websites, including a "
     "[WordPress] site for a real client, and learn how to estimate, quote and hand over a small web "
     "project. Laptops are provided; fees can be paid in instalments."),
    ("C# and ASP.NET Web Applications", "Brightpath Digital Academy", "Capital Region",
     "Evening course (two evenings a week, 20 weeks) for people with some programming experience. "
     "Topics: [C#], [ASP.NET], the [Microsoft .NET Framework], data access with [Microsoft SQL Server], "
     "forms, validation, authentication, and deploying to a Windows server. Each learner builds a "
     "booking application and presents it to a panel of local developers at the end of the course."),
    ("Introduction to Containers", "Brightpath Digital Academy", "Capital Region",
     "A short, five-day workshop on packaging applications with [Docker]: images, volumes, networking "
     "and compose files. The last afternoon gives a first look at [Kubernetes]; production operation, "
     "security hardening and automation are not covered. Requires basic [Linux] command-line skills. "
     "Runs twice a year; places are limited to twelve."),
    ("Data Analysis for Business", "Metro Adult Learning Centre", "Capital Region",
     "Learners clean, analyse and present data with [Microsoft Excel] and [Microsoft Power BI], and "
     "write simple [SQL] queries. Case studies come from retail, health and local government, and every "
     "unit ends with a short presentation to the group. No prior experience needed, but learners should "
     "be comfortable with numbers. Part-time, ten weeks, free for unemployed residents."),
    ("Office Applications for the Workplace", "Metro Adult Learning Centre", "Capital Region",
     "A practical course in [Microsoft Word], [Microsoft Excel], [Microsoft PowerPoint] and [Microsoft "
     "Outlook]: letters, mail merge, formulas, charts, presentations, calendars and shared mailboxes. "
     "Ideal for returners to work and for administrative staff who want a certificate. Morning and "
     "evening groups, with a learning assistant in every session."),
    ("Python Programming Fundamentals", "OpenStep Online Learning", "Capital Region",
     "Online, self-paced with weekly live sessions. Variables, control flow, functions, files and simple "
     "data analysis with [Python]; an optional final unit introduces [Pandas]. Learners complete a "
     "portfolio of small programs, such as a budget tracker and a quiz game, and receive written "
     "feedback from a tutor on each one. Expect six to eight hours of study a week."),
    ("Introduction to Machine Learning", "OpenStep Online Learning", "Capital Region",
     "An eight-week online module that explains what [machine learning] is, how supervised learning "
     "works and where it fails. Exercises use [Python] and [scikit-learn] on small data sets. It is an "
     "awareness course: model deployment, deep-learning frameworks and production operation are out of "
     "scope. Recommended for managers, analysts and teachers who want to understand the basics."),
    ("Cybersecurity Essentials", "Keystone IT Certification Centre", "Capital Region",
     "Covers the basics of [cybersecurity] and [information security]: threats, passwords and "
     "authentication, secure configuration of [Microsoft Windows], firewalls, backups and incident "
     "reporting. Learners practise spotting phishing e-mails and write a simple security policy for a "
     "small business. Five days, classroom-based; prepares for an entry-level certificate."),
    ("Project Management in IT", "Keystone IT Certification Centre", "Capital Region",
     "Prepares candidates for the [PRINCE2] Foundation exam and introduces [Agile] ways of working, "
     "with exercises in [Microsoft Project] and [Microsoft Excel]. Participants plan a fictional office "
     "move, from business case to closure, and compare a plan-driven and an iterative approach. Three-day "
     "intensive, exam on day four, exam fee included."),
    ("Mobile App Development", "Brightpath Digital Academy", "Capital Region",
     "Learners build apps for [Google Android] in [Kotlin] and for [Apple iOS] in [Swift], use [Xcode] "
     "and publish a finished app to a test store. The course covers layouts, navigation, storing data on "
     "the device and calling web services. Fourteen weeks, full-time; a Mac is provided for the iOS "
     "part of the course."),
    ("Hospitality and Commis Chef Programme", "Metro Adult Learning Centre", "Capital Region",
     "Kitchen skills from knife work to sauces, food hygiene, allergen management and working as part "
     "of a brigade under a head chef. Learners cook for the centre's training restaurant twice a week. "
     "Includes a placement in a restaurant or hotel café and leads to a food hygiene certificate."),
    # North Metro (10)
    ("Software Developer Apprenticeship", "Northgate Technical College", "North Metro",
     "Three-year apprenticeship, one day a week at college. Learners program in [Java] and [JavaScript], "
     "build database applications with [SQL] and [Oracle Database], learn testing with [JUnit], and "
     "spend four days a week with their employer.\nEntry requirements: school-leaving certificate in "
     "mathematics and English, or a pre-apprenticeship course."),
    ("Networking and Routing (Cisco track)", "Northgate Technical College", "North Metro",
     "Learners configure routers and switches with [Cisco IOS] in a fully equipped lab, study [network "
     "protocols] (TCP/IP, subnetting, routing, VLANs) and troubleshoot with [Wireshark]. Every module "
     "ends with a practical \"break-fix\" assessment in which learners must find faults planted by the "
     "tutor. Prepares for an industry associate-level certificate; two terms, part-time."),
    ("Web Developer (PHP)", "Northgate Technical College", "North Metro",
     "One-year full-time programme: HTML5, [CSS], [JavaScript], [jQuery], [PHP] and [MySQL], plus content "
     "management with [WordPress] and [Drupal]. Learners run a small web agency for local charities "
     "during the last term, handling everything from the first meeting to the launch and a short "
     "training session for the client."),
    ("Linux Server Administration", "Foundry Lane Training", "North Metro",
     "Installing and running [Linux] servers ([Ubuntu] and [Red Hat Enterprise Linux]): users, "
     "permissions, services, logs, scripting in [Bash] and a short unit on [Perl] for text processing. "
     "Learners look after a small virtual server estate for the duration of the course and keep an "
     "operations log. Ten weeks, part-time, evenings."),
    ("Microsoft Office Specialist Preparation", "Foundry Lane Training", "North Metro",
     "Exam preparation for [Microsoft Word], [Microsoft Excel] and [Microsoft Access]. Learners can "
     "choose one, two or all three modules; each module takes four weeks and ends with a practice exam "
     "under exam conditions. Suitable for office staff, job seekers and anyone who wants proof of their "
     "skills for a CV."),
    ("Front-end Development Bootcamp", "Foundry Lane Training", "North Metro",
     "Twelve weeks of [JavaScript], [CSS], [Bootstrap] and [jQuery], with a short introduction to "
     "[React] in the final fortnight. Learners finish with a portfolio site and three small projects, "
     "one of them built in pairs to practise code review. Career coaching and mock interviews are "
     "included in the fee."),
    ("IT Service Desk Skills", "Keystone IT Certification Centre", "North Metro",
     "A four-week course for new service-desk staff: logging tickets in [ServiceNow], supporting "
     "[Microsoft Outlook] and [Microsoft Teams], resetting passwords in [Active Directory], and "
     "\"first-time fix\" techniques. Role-plays with difficult callers are recorded and reviewed. Often "
     "booked by employers for groups of new starters."),
    ("Java Enterprise Development", "Keystone IT Certification Centre", "North Metro",
     "For developers who know basic [Java]: [Spring Boot], [Apache Maven], [JUnit], REST services and "
     "[Oracle Database] access. Participants extend an existing order-management application, which "
     "gives practice in reading other people's code. Eight weekends; participants receive a "
     "certificate of completion."),
    ("Business Intelligence with Power BI", "Northgate Technical College", "North Metro",
     "Building reports and dashboards in [Microsoft Power BI], data preparation in [Microsoft Excel] and "
     "[SQL], and presenting findings to managers. Learners work with open data from the region, such as "
     "transport and housing statistics. Two evenings a week for ten weeks; learners need their own "
     "laptop."),
    ("Software Testing Foundations", "Keystone IT Certification Centre", "North Metro",
     "Test design, defect reporting in [Atlassian JIRA], an introduction to test automation with "
     "[Selenium], and preparation for an internationally recognised foundation exam. Participants test "
     "a deliberately buggy web shop and compare their findings. Five days, exam on the last afternoon."),
    # Coastal (7)
    ("IT Systems Support", "Harbourview Skills Academy", "Coastal",
     "Hardware, operating systems and networks for future support technicians: installing [Microsoft "
     "Windows], small-office networking with [network protocols], user administration in [Active "
     "Directory], and customer service. Learners repair donated computers, which are then given to "
     "local families. Work placement with local employers in the second term."),
    ("Programming with C#", "Harbourview Skills Academy", "Coastal",
     "A first programming course in [C#]: syntax, classes, collections, files, and a small desktop "
     "application. Learners use [Git] from week one. Continues into \"Web Applications with ASP.NET\" "
     "for those who want to go further. Evening classes, twice a week, fifteen weeks."),
    ("Web Applications with ASP.NET", "Harbourview Skills Academy", "Coastal",
     "Building data-driven websites with [ASP.NET], [Microsoft SQL Server] and [jQuery]: pages, forms, "
     "validation, user accounts and simple reports. Assumes the C# course or equivalent experience. "
     "Learners finish with a working booking site for a fictional ferry company, deployed to a test "
     "server."),
    ("Network Cabling and Infrastructure", "Coastal Polytechnic", "Coastal",
     "Structured cabling, patch panels, testing and certification of copper and fibre links, with an "
     "introduction to [network protocols] and switch configuration in [Cisco IOS]. Includes health and "
     "safety for working at height and in confined spaces. Aimed at electricians and installers who "
     "want to add data cabling to their trade."),
    ("Digital Skills for Port and Logistics Staff", "Coastal Polytechnic", "Coastal",
     "Practical [Microsoft Excel], [Microsoft Outlook] and [SAP ERP] transactions for shipping, "
     "warehousing and customs documentation. Delivered on site at the port, in two-hour sessions "
     "before or after shifts, so that staff on rotating rosters can attend. Funded by the regional "
     "skills fund; no fee for employees of port businesses."),
    ("Electrical Installation (Level 2)", "Coastal Polytechnic", "Coastal",
     "Domestic and commercial wiring, inspection and testing, reading drawings, and safe isolation. "
     "Learners spend three days a week with an electrical contractor and two days in the college "
     "workshops. Leads to a recognised installation qualification and can be followed by the Level 3 "
     "programme."),
    ("Healthcare Assistant Programme", "Civic Skills Partnership", "Coastal",
     "Prepares learners for work on hospital wards and in care homes: personal care, observations, "
     "infection control, communication with patients and families, and keeping accurate records. "
     "Includes a supervised placement of six weeks and a guaranteed interview with a local care "
     "provider."),
    # Lakes (7)
    ("Applied Computing Diploma", "Westmoor Vocational College", "Lakes",
     "Broad two-year diploma: programming in [Java] and [Python], databases and [SQL], web pages with "
     "[CSS] and [PHP], networking basics and office productivity tools ([Microsoft Word] and "
     "[Microsoft Excel]). Graduates often continue to an apprenticeship or to a higher diploma. "
     "Includes a two-week placement in each year."),
    ("Network Technician", "Westmoor Vocational College", "Lakes",
     "Learners plan, build and troubleshoot small networks: [network protocols] including TCP/IP, "
     "addressing, switching and routing on [Cisco IOS], wireless networks, and basic security. "
     "Assessment is practical, in the college's network lab, plus a short written test on network "
     "theory. One year, full-time."),
    ("Legacy Systems: COBOL Programming", "Westmoor Vocational College", "Lakes",
     "Run at the request of regional employers who still depend on mainframe systems. Learners write "
     "batch programs in [COBOL], work with files and [IBM DB2] tables, and practise reading and "
     "documenting existing code. Twelve weeks, part-time."),
    ("Office Administration with ICT", "Lakeside Community Learning", "Lakes",
     "Administration skills for the modern office: [Microsoft Word], [Microsoft Excel], [Microsoft "
     "Outlook], [Microsoft Teams], filing, minute-taking and customer service. Learners keep a "
     "portfolio of real tasks completed during a short office placement. Flexible start dates; "
     "daytime classes end before the school run."),
    ("Computer Basics for Adults", "Lakeside Community Learning", "Lakes",
     "For adults with little or no computer experience: using a mouse and keyboard, files and folders, "
     "e-mail, safe internet use, online forms and video calls. Small groups, friendly tutors, free "
     "for residents. Learners can borrow a laptop for the duration of the course."),
    ("Industrial Automation and PLCs", "Lakeside Community Learning", "Lakes",
     "Introduction to [PLC] programming, sensors and actuators, reading electrical drawings and fault "
     "finding on training rigs. Aimed at electricians and maintenance fitters who want to move into "
     "automation. Delivered with a local pump manufacturer, which provides equipment and guest "
     "speakers."),
    ("Welding and Fabrication", "Westmoor Vocational College", "Lakes",
     "MIG, TIG and stick welding, cutting, reading engineering drawings, and workshop safety. "
     "Learners produce a portfolio of test pieces assessed to industry standards, and spend the final "
     "month on a fabrication project for a local farm or workshop."),
    # Highlands (3)
    ("Digital Basics for Rural Businesses", "Highlands Rural Skills Trust", "Highlands",
     "A travelling course held in village halls: e-mail and calendars in [Microsoft Outlook], simple "
     "bookkeeping in [Microsoft Excel], letters in [Microsoft Word], and setting up a basic website. "
     "Five sessions, one per week. Mobile internet is provided where the hall has no connection."),
    ("Forestry and Land Management", "Highlands Rural Skills Trust", "Highlands",
     "Chainsaw operation and maintenance, tree felling, planting, fencing, and safe use of machinery "
     "on steep ground. Includes first-aid training and a week of residential fieldwork. Learners "
     "gain the certificates needed to work for estates and forestry contractors."),
    ("Electrical Installation for Rural Properties", "Highlands Rural Skills Trust", "Highlands",
     "Wiring farm buildings and holiday lets, outdoor installations, earthing, inspection and testing, "
     "and small solar installations. Learners work alongside local contractors and complete a "
     "supervised installation on a real property before assessment."),
    # Southern Plains (4)
    ("Agricultural Machinery Technician", "Southern Plains Agricultural & Technical Institute", "Southern Plains",
     "Maintenance and repair of tractors, harvesters and implements: engines, hydraulics, electrics "
     "and diagnostics with manufacturer tools. Learners also gain a tractor driving licence and learn "
     "basic welding for field repairs. Two years, with placements at dealerships during the busy "
     "harvest season."),
    ("Warehouse and Logistics Operations", "Southern Plains Agricultural & Technical Institute", "Southern Plains",
     "Goods in, storage, picking, despatch, stock control and forklift certification. A short unit "
     "covers scanning devices and warehouse management systems, and stock reports in [Microsoft Excel]. "
     "Twelve weeks, including four weeks at a regional distribution centre."),
    ("Office Skills and Bookkeeping", "Prairie Gate Learning Centre", "Southern Plains",
     "Everyday office tasks with [Microsoft Word] and [Microsoft Excel], basic bookkeeping, invoices and "
     "payroll records. Part-time, mornings only, childcare support available. Suitable for people "
     "returning to work and for family businesses."),
    ("Care Certificate and Community Care", "Prairie Gate Learning Centre", "Southern Plains",
     "The skills needed for home care and residential care work: dignity and respect, safeguarding, "
     "moving and handling, nutrition, medication support and record keeping. Learners shadow an "
     "experienced carer for two weeks before completing the certificate."),
]

def programmes_csv():
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(["id", "title", "provider", "region", "description"])
    for i, (title, provider, region, desc) in enumerate(PROGRAMMES, 1):
        w.writerow(["pr-%03d" % i, title.strip(), provider, region, render(desc)])
    return buf.getvalue()


def verify_postings(allp):
    """Planted skills must occur exactly where the generator put them;
    descriptions are 60..250 words; nothing new appears before 2023."""
    problems = []
    for p in allp:
        text = p["title"] + "\n" + p["description"]
        found = set(t for t in PLANTED if whole_word(t).search(text))
        if found != p["planted"]:
            problems.append("%s: planted %s but text has %s" % (p["id"], sorted(p["planted"]), sorted(found)))
        wc = word_count(p["description"])
        if not 60 <= wc <= 250:
            problems.append("%s: %d words" % (p["id"], wc))
        if p["date"].year < 2023:
            for t in NEW_TERMS + NEW_FROM_2023:
                if whole_word(t).search(text):
                    problems.append("%s: %s before 2023" % (p["id"], t))
    return problems


def main():
    global SEED
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="regenerate in memory and compare with the files on disk")
    ap.add_argument("--out", default=OUT_DIR, help="output directory (default: Corpora/sample)")
    ap.add_argument("--seed", type=int, default=SEED,
                    help="random seed (default: SEED); for trying seeds after editing the fragments, "
                         "e.g. --seed N --out /tmp/try && check_sample.py --sample /tmp/try")
    args = ap.parse_args()
    SEED = args.seed

    jsonl, truth, allp = postings_jsonl()
    problems = verify_postings(allp)
    if problems:
        sys.exit("generator self-check failed:\n  " + "\n  ".join(problems))
    prog = programmes_csv()
    truth["programmes_file"] = "programmes.csv"
    truth["programmes"] = len(PROGRAMMES)
    truth_text = json.dumps(truth, indent=2, ensure_ascii=False) + "\n"
    outputs = {"postings.jsonl": jsonl, "programmes.csv": prog, "ground_truth.json": truth_text}

    if args.check:
        bad = []
        for name, content in outputs.items():
            path = os.path.join(args.out, name)
            with open(path, "rb") as f:
                if f.read() != content.encode("utf-8"):
                    bad.append(name)
        if bad:
            sys.exit("differs from generator output: " + ", ".join(bad))
        print("sample corpus is up to date")
        return
    os.makedirs(args.out, exist_ok=True)
    for name, content in outputs.items():
        with open(os.path.join(args.out, name), "wb") as f:
            f.write(content.encode("utf-8"))
    print("wrote %d posting lines (%d valid, malformed at lines %s), %d programmes"
          % (truth["lines_total"], truth["valid_lines"],
             ", ".join(map(str, truth["malformed_lines"])), len(PROGRAMMES)))
    for r in truth["reposts"]:
        print("repost: line %d (%s) repeats line %d (%s)"
              % (r["line"], r["id"], r["original_line"], r["original_id"]))


if __name__ == "__main__":
    main()
