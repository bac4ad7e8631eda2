#!/usr/bin/env python3
"""Generate an independent held-out evaluation set of chat messages with
labelled PII/PHI/PCI spans.

Output: the file given with --out (default: heldout.jsonl next to this script). Deterministic (fixed seed).

Written for ChatSecurity by an independent helper that had not seen the scanner's code or its main corpus
generator; its first evaluation is recorded in docs/redaction.md before any tuning against it.

Each line: {"id": n, "text": "...", "spans": [{"start": s, "end": e, "type": T}]}
start/end are Python code-point offsets; text[start:end] is exactly the identifier.

Frames are hand-written chat messages containing placeholders:
    {TYPE}               generated identifier of TYPE (labelled)
    {TYPE:variant}       generated identifier using a specific format/variant
    {TYPE@ref}           reuse the same value for every occurrence with @ref
    {TYPE=literal}       a fixed literal value, labelled as TYPE
    {FILLER}             non-identifier tricky filler (order numbers etc.) – NOT labelled
A frame may start with a flag: "^U " (force ALL CAPS), "^L " (force lowercase),
"^N " (never change case / never decorate).
"""
import base64
import hashlib
import ipaddress
import json
import os
import random
import re
import string
import unicodedata
import uuid

import phonenumbers
from faker import Faker
from stdnum import bitcoin, iban as std_iban, imei as std_imei, luhn
from stdnum.us import itin as std_itin, rtn as std_rtn, ssn as std_ssn

SEED = 20240917
rng = random.Random(SEED)
Faker.seed(SEED)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "heldout.jsonl")

LABEL_TYPES = {
    "CREDIT_CARD", "CARD_CVV", "CARD_EXPIRY", "US_SSN", "US_ITIN", "EMAIL", "PHONE",
    "IBAN", "ABA_ROUTING", "NPI", "DEA_NUMBER", "MEDICAL_RECORD_NUMBER", "HEALTH_PLAN_ID",
    "ACCOUNT_NUMBER", "LICENSE_NUMBER", "PASSPORT", "DATE", "DATE_OF_BIRTH", "AGE_OVER_89",
    "POSTAL_CODE", "STREET_ADDRESS", "PERSON", "IP_ADDRESS", "URL", "MAC_ADDRESS", "IMEI",
    "VIN", "UUID", "CRYPTO_ADDRESS", "CREDENTIAL",
}
# types whose case we never change when a message is lower/upper-cased
CASE_PRESERVE = {"CREDENTIAL", "CRYPTO_ADDRESS", "URL"}

DIGITS = string.digits
UPPER = string.ascii_uppercase
ALNUM = string.ascii_letters + string.digits


def rd(n):
    return "".join(rng.choice(DIGITS) for _ in range(n))


def ru(n, alphabet=UPPER):
    return "".join(rng.choice(alphabet) for _ in range(n))


def asciify(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if ord(c) < 128)


# ---------------------------------------------------------------- names
FIRST_NAMES = [
    # anglo / contemporary US
    "Emily", "Jake", "Olivia", "Liam", "Madison", "Tyler", "Brianna", "Connor", "Kayla", "Hunter",
    "Harper", "Ethan", "Chloe", "Noah", "Zoë", "Declan", "Jaxon", "Nevaeh", "Kinsley", "Paisley",
    "Brantley", "Rory", "Margot", "Theo", "Hazel", "Wren", "Skyler", "Dakota", "Brooke", "Everly",
    # irish / scottish / nordic
    "Siobhan", "Niamh", "Aoife", "Callum", "Freya", "Isla", "Lachlan", "Björn", "Søren", "Ingrid", "Åsa",
    # hispanic / latin american
    "José", "María", "Guadalupe", "Alejandro", "Ximena", "Santiago", "Valentina", "Mateo", "Camila",
    "Diego", "Itzel", "Yesenia", "Jesús", "Luz", "Rodrigo", "Joaquín",
    # african american
    "Aaliyah", "Imani", "Jaylen", "Malik", "DeShawn", "Keisha", "Darnell", "Zaria", "Tremaine", "Ebony",
    # african
    "Chidi", "Ngozi", "Oluwaseun", "Adebayo", "Chiamaka", "Kwame", "Ama", "Kofi", "Amara", "Tendai",
    "Thandiwe", "Sipho", "Wanjiru", "Abebe", "Fatoumata", "Yaw", "Nnamdi",
    # south asian
    "Priya", "Arjun", "Rohan", "Ananya", "Sanjay", "Deepika", "Aarav", "Ishaan", "Lakshmi", "Venkatesh",
    "Harpreet", "Gurpreet", "Sunita", "Farhan", "Ayesha", "Nikhil", "Meenakshi",
    # east / southeast asian
    "Wei", "Jing", "Xiaoming", "Mei", "Haruto", "Yuki", "Sakura", "Hiroshi", "Ji-woo", "Min-jun",
    "Seo-yeon", "Thanh", "Linh", "Quang", "Bao", "Mai", "Jun", "Xin",
    # middle eastern / north african
    "Mohammed", "Fatima", "Omar", "Layla", "Yusuf", "Zainab", "Ali", "Noor", "Hamza", "Amira",
    "Tariq", "Reza", "Shirin", "Dariush", "Leila", "Yasmin",
    # eastern european
    "Oksana", "Dmitri", "Katarzyna", "Bogdan", "Svetlana", "Mateusz", "Ivana", "Zoltán", "Agnieszka",
    # pacific / misc
    "Kai", "Leilani", "Keanu", "Aroha", "Tane", "Malia", "Sione",
]
NICKNAMES = [
    "Bobby", "Lizzie", "Mikey", "Jen", "Kat", "Tony", "Sasha", "Manny", "Lupe", "Chuy", "Deb", "Becca",
    "Nate", "Izzy", "Trish", "Gabe", "Benji", "Maddie", "Liz", "Dre", "Tito", "Nico", "Rafa", "Shay",
    "Mo", "Sam", "Alex", "Vic", "Kenji", "Ollie",
]
LAST_NAMES = [
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Davis", "Miller", "Wilson", "Anderson", "Thomas",
    "Jackson", "White", "Harris", "Thompson", "Robinson", "Washington", "Jefferson",
    "Nguyen", "Tran", "Pham", "Le", "Garcia", "Rodriguez", "Martinez", "Hernández", "López",
    "de la Cruz", "García-Márquez", "Okafor", "Adeyemi", "Mensah", "Osei", "Mwangi", "Okonkwo", "Diallo",
    "Patel", "Shah", "Singh", "Gupta", "Reddy", "Iyer", "Krishnamurthy", "Chaudhry",
    "Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Kim", "Park", "Lee", "Choi", "Tanaka", "Suzuki",
    "Yamamoto", "Watanabe", "Al-Sayed", "Haddad", "Khan", "Hussain", "Rahman", "Farouk", "Hosseini",
    "Karimi", "Cohen", "Levy", "Goldberg", "Kowalski", "Nowak", "Wiśniewski", "Ivanova", "Petrov",
    "Horváth", "O'Brien", "O'Connor", "McCarthy", "MacLeod", "Fitzgerald", "Murphy", "Byrne",
    "Schmidt", "Müller", "Bauer", "Rossi", "Bianchi", "Esposito", "Silva", "Santos", "Oliveira",
    "Johansson", "Nilsson", "Andersen", "Dubois", "Lefèvre", "Moreau", "van der Berg", "Kealoha",
    "Nakamura", "Begay", "Yazzie", "Smith-Jones", "Abernathy", "Delacroix",
]
FEMALE_FIRST = [
    "Emily", "Olivia", "Madison", "Brianna", "Kayla", "Harper", "Chloe", "Zoë", "Nevaeh", "Kinsley", "Paisley",
    "Margot", "Hazel", "Wren", "Brooke", "Everly", "Siobhan", "Niamh", "Aoife", "Freya", "Isla", "Ingrid", "Åsa",
    "María", "Guadalupe", "Ximena", "Valentina", "Camila", "Itzel", "Yesenia", "Luz", "Aaliyah", "Imani", "Keisha",
    "Zaria", "Ebony", "Ngozi", "Chiamaka", "Ama", "Amara", "Thandiwe", "Wanjiru", "Fatoumata", "Priya", "Ananya",
    "Deepika", "Lakshmi", "Sunita", "Ayesha", "Meenakshi", "Jing", "Mei", "Yuki", "Sakura", "Seo-yeon", "Linh",
    "Mai", "Fatima", "Layla", "Zainab", "Noor", "Amira", "Shirin", "Leila", "Yasmin", "Oksana", "Katarzyna",
    "Svetlana", "Ivana", "Agnieszka", "Leilani", "Aroha", "Malia",
]
MALE_FIRST = [
    "Jake", "Liam", "Tyler", "Connor", "Hunter", "Ethan", "Noah", "Declan", "Jaxon", "Brantley", "Theo", "Callum",
    "Lachlan", "Björn", "Søren", "José", "Alejandro", "Santiago", "Mateo", "Diego", "Jesús", "Rodrigo", "Joaquín",
    "Jaylen", "Malik", "DeShawn", "Darnell", "Tremaine", "Chidi", "Oluwaseun", "Adebayo", "Kwame", "Kofi", "Sipho",
    "Abebe", "Yaw", "Nnamdi", "Arjun", "Rohan", "Sanjay", "Aarav", "Ishaan", "Venkatesh", "Farhan", "Nikhil", "Wei",
    "Xiaoming", "Haruto", "Hiroshi", "Min-jun", "Quang", "Bao", "Jun", "Mohammed", "Omar", "Yusuf", "Ali", "Hamza",
    "Tariq", "Reza", "Dariush", "Dmitri", "Bogdan", "Mateusz", "Zoltán", "Keanu", "Tane", "Sione",
]
FEMALE_NICK = ["Lizzie", "Jen", "Kat", "Lupe", "Deb", "Becca", "Izzy", "Trish", "Maddie", "Liz", "Shay", "Sasha"]
MALE_NICK = ["Bobby", "Mikey", "Tony", "Manny", "Chuy", "Nate", "Gabe", "Benji", "Dre", "Tito", "Nico", "Rafa",
             "Mo", "Kenji", "Ollie"]
FAKER_LOCALES = ["en_US", "es_MX", "en_IN", "pl_PL", "tr_TR", "yo_NG", "zu_ZA", "tw_GH", "fr_FR",
                 "de_DE", "it_IT", "pt_BR", "en_GB", "nl_NL", "en_PH", "sw"]
FAKERS = {loc: Faker(loc) for loc in FAKER_LOCALES}
for i, loc in enumerate(FAKER_LOCALES):
    FAKERS[loc].seed_instance(SEED + i)


def _first():
    if rng.random() < 0.25:
        return FAKERS[rng.choice(FAKER_LOCALES)].first_name()
    return rng.choice(FIRST_NAMES)


def _last():
    if rng.random() < 0.25:
        return FAKERS[rng.choice(FAKER_LOCALES)].last_name()
    return rng.choice(LAST_NAMES)


def _gfirst(g):
    if rng.random() < 0.25:
        f = FAKERS[rng.choice(FAKER_LOCALES)]
        return f.first_name_female() if g == "f" else f.first_name_male()
    return rng.choice(FEMALE_FIRST if g == "f" else MALE_FIRST)


def gen_person(v):
    if v in ("ffirst", "mfirst"):
        return _gfirst(v[0])
    if v in ("ffull", "mfull"):
        return f"{_gfirst(v[0])} {_last()}"
    if v in ("fnick", "mnick"):
        return rng.choice(FEMALE_NICK if v[0] == "f" else MALE_NICK)
    if v == "first":
        return _first()
    if v == "last":
        return _last()
    if v == "nick":
        return rng.choice(NICKNAMES)
    if v == "fmi":
        return f"{_first()} {rng.choice(UPPER)}. {_last()}"
    if v == "init":
        return f"{_first()[0]}. {_last()}"
    # full name; occasionally first-name-from-same-locale pairing through faker
    r = rng.random()
    if r < 0.2:
        f = FAKERS[rng.choice(FAKER_LOCALES)]
        return f"{f.first_name()} {f.last_name()}"
    if r < 0.26:
        return f"{rng.choice(NICKNAMES)} {_last()}"
    return f"{rng.choice(FIRST_NAMES)} {_last()}"


# ---------------------------------------------------------------- cards
def luhn_complete(prefix, length):
    body = prefix + rd(length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


CARD_BRANDS = {
    "visa": lambda: luhn_complete("4", 16),
    "visa13": lambda: luhn_complete("4", 13),
    "visa19": lambda: luhn_complete("4", 19),
    "mc": lambda: luhn_complete(str(rng.randint(51, 55)), 16),
    "mc2": lambda: luhn_complete(str(rng.randint(2221, 2720)), 16),
    "amex": lambda: luhn_complete(rng.choice(["34", "37"]), 15),
    "disc": lambda: luhn_complete(rng.choice(["6011", str(rng.randint(644, 649)), "65"]), 16),
    "disc19": lambda: luhn_complete("6011", 19),
    "jcb": lambda: luhn_complete(str(rng.randint(3528, 3589)), 16),
    "diners": lambda: luhn_complete(rng.choice(["300", "301", "302", "303", "304", "305", "36", "38"]), 14),
    "unionpay": lambda: luhn_complete("62" + rd(2), 16),
    "unionpay19": lambda: luhn_complete("62" + rd(2), 19),
    "maestro": lambda: luhn_complete(rng.choice(["5018", "5020", "5038", "6304", "6759", "6761", "6763"]),
                                     rng.choice([16, 18, 19])),
}
BRAND_WEIGHTS = [("visa", 30), ("mc", 14), ("mc2", 6), ("amex", 12), ("disc", 8), ("visa13", 3), ("visa19", 3),
                 ("jcb", 5), ("diners", 4), ("unionpay", 4), ("unionpay19", 2), ("maestro", 4), ("disc19", 1)]


def group_card(num):
    n = len(num)
    seps = [" ", " ", "-", ""]
    sep = rng.choice(seps)
    if rng.random() < 0.25:
        return num
    if n == 15:
        parts = [num[:4], num[4:10], num[10:]]
    elif n == 14:
        parts = [num[:4], num[4:10], num[10:]]
    elif n == 13:
        parts = [num[:4], num[4:8], num[8:]]
    elif n == 19:
        parts = rng.choice([[num[i:i + 4] for i in range(0, 19, 4)], [num[:6], num[6:]]])
    elif n == 18:
        parts = [num[:4], num[4:8], num[8:12], num[12:16], num[16:]]
    else:
        parts = [num[i:i + 4] for i in range(0, n, 4)]
    return (sep or " ").join(parts) if sep == "" and rng.random() < 0.5 else sep.join(parts)


def gen_card(v):
    if not v:
        names, w = zip(*BRAND_WEIGHTS)
        v = rng.choices(names, weights=w)[0]
    num = CARD_BRANDS[v]()
    assert luhn.is_valid(num), num
    return group_card(num)


def gen_cvv(v):
    return rd(4) if v == "amex" else rd(3)


def gen_expiry(v):
    m = rng.randint(1, 12)
    y = rng.randint(2025, 2031)
    style = rng.choice(["mm/yy", "mm/yy", "mm/yy", "m/yy", "mm/yyyy", "mm-yy", "mm / yy", "mmyy"])
    if style == "mm/yy":
        return f"{m:02d}/{y % 100:02d}"
    if style == "m/yy":
        return f"{m}/{y % 100:02d}"
    if style == "mm/yyyy":
        return f"{m:02d}/{y}"
    if style == "mm-yy":
        return f"{m:02d}-{y % 100:02d}"
    if style == "mm / yy":
        return f"{m:02d} / {y % 100:02d}"
    return f"{m:02d}{y % 100:02d}"


# ---------------------------------------------------------------- SSN / ITIN
def gen_ssn(v):
    while True:
        area = rng.randint(1, 899)
        if area == 666:
            continue
        s = f"{area:03d}{rng.randint(1, 99):02d}{rng.randint(1, 9999):04d}"
        if std_ssn.is_valid(s):
            break
    style = v or rng.choice(["dash"] * 6 + ["nodash"])
    if style == "dash":
        out = f"{s[:3]}-{s[3:5]}-{s[5:]}"
    else:
        out = s
    assert std_ssn.is_valid(out), out
    return out


def gen_itin(v):
    groups = list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))
    while True:
        s = f"9{rd(2)}{rng.choice(groups):02d}{rd(4)}"
        if std_itin.is_valid(s):
            break
    out = f"{s[:3]}-{s[3:5]}-{s[5:]}" if rng.random() < 0.8 else s
    assert std_itin.is_valid(out)
    return out


# ---------------------------------------------------------------- email
EMAIL_DOMAINS = ["gmail.com"] * 8 + ["yahoo.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "icloud.com",
                                      "proton.me", "aol.com", "comcast.net", "ucsd.edu", "brightpathhealth.org",
                                      "web.de", "yahoo.co.in", "live.ca", "me.com", "mail.com", "gmx.net",
                                      "sbcglobal.net", "students.uiuc.edu", "nhs.net", "outlook.fr"]


def _slug(s):
    s = asciify(s).lower()
    return re.sub(r"[^a-z0-9]", "", s)


def gen_email(v):
    f, l = _slug(_first()) or "sam", _slug(_last()) or "lee"
    d = rng.choice(EMAIL_DOMAINS)
    pat = rng.randrange(9)
    if pat == 0:
        local = f"{f}.{l}"
    elif pat == 1:
        local = f"{f}{l}{rng.randint(1, 99)}"
    elif pat == 2:
        local = f"{f[0]}{l}"
    elif pat == 3:
        local = f"{f}.{l}+{rng.choice(['orders', 'health', 'bank', 'shop', 'spam'])}"
    elif pat == 4:
        local = f"{l}_{f}"
    elif pat == 5:
        local = f"{f}{rng.randint(1960, 2008)}"
    elif pat == 6:
        local = f"{rng.choice(['its', 'the', 'real', 'just', 'xo'])}{f}{rng.choice(['', '_', '.'])}{rng.randint(1, 999)}"
    elif pat == 7:
        local = f"{f}_{l[:1]}{rd(2)}"
    else:
        local = f"{f[:3]}.{l}"
    return f"{local}@{d}"


# ---------------------------------------------------------------- phone
US_AREA = ["212", "415", "312", "617", "206", "713", "305", "404", "503", "720", "801", "919", "702", "816",
           "614", "267", "929", "646", "347", "818", "310", "510", "408", "773", "602", "480", "214", "972",
           "512", "615", "901", "504", "808", "907", "313", "248", "651", "612", "303", "571", "703", "240"]
CA_AREA = ["416", "647", "604", "778", "514", "438", "403", "613", "902"]
INTL = {
    # region: (cc, list of national-number generators)
    "GB": lambda: rng.choice(["7" + rd(9), "20" + rd(8), "161" + rd(7)]),
    "DE": lambda: rng.choice(["15" + rng.choice("12579") + rd(8), "17" + rd(9), "30" + rd(8)]),
    "FR": lambda: rng.choice(["6", "7", "1"]) + rd(8),
    "IN": lambda: rng.choice("6789") + rd(9),
    "AU": lambda: "4" + rd(8),
    "JP": lambda: rng.choice(["90", "80", "70"]) + rd(8),
    "MX": lambda: rng.choice(["55", "33", "81"]) + rd(8),
    "NG": lambda: rng.choice(["803", "806", "813", "703", "905"]) + rd(7),
    "PH": lambda: rng.choice(["917", "918", "926", "939"]) + rd(7),
    "BR": lambda: rng.choice(["11", "21", "31"]) + "9" + rd(8),
    "IE": lambda: rng.choice(["83", "85", "86", "87"]) + rd(7),
    "ES": lambda: "6" + rd(8),
    "IT": lambda: "3" + rng.choice("1234") + rd(8),
    "KE": lambda: "7" + rng.choice("0129") + rd(7),
    "ZA": lambda: rng.choice(["82", "83", "72", "61"]) + rd(7),
    "PK": lambda: "3" + rng.choice("0123") + rd(8),
    "KR": lambda: "10" + rd(8),
    "CN": lambda: "1" + rng.choice(["38", "39", "58", "86"]) + rd(8),
    "SG": lambda: rng.choice("89") + rd(7),
    "AE": lambda: "5" + rng.choice("02568") + rd(7),
    "NL": lambda: "6" + rd(8),
    "PL": lambda: rng.choice(["50", "60", "69", "78"]) + rd(7),
}


def _valid_num(region, national):
    try:
        pn = phonenumbers.parse(national, region)
    except phonenumbers.NumberParseException:
        return None
    return pn if phonenumbers.is_valid_number(pn) else None


def gen_phone_us(region="US"):
    while True:
        area = rng.choice(CA_AREA if region == "CA" else US_AREA)
        exch = str(rng.randint(2, 9)) + rd(2)
        if exch[1:] == "11" or exch == "555":
            continue
        line = rd(4)
        pn = _valid_num(region, area + exch + line)
        if pn:
            break
    s = rng.randrange(11)
    a, e, l = area, exch, line
    out = [f"({a}) {e}-{l}", f"{a}-{e}-{l}", f"{a}.{e}.{l}", f"{a} {e} {l}", f"{a}{e}{l}",
           f"+1 {a} {e} {l}", f"+1 ({a}) {e}-{l}", f"1-{a}-{e}-{l}", f"+1{a}{e}{l}", f"({a}){e}-{l}",
           f"{a}-{e}-{l}"][s]
    return out, region


def gen_phone_intl(region=None):
    region = region or rng.choice(list(INTL))
    while True:
        pn = _valid_num(region, INTL[region]())
        if pn:
            break
    style = rng.random()
    if style < 0.55:
        out = phonenumbers.format_number(pn, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    elif style < 0.75:
        out = phonenumbers.format_number(pn, phonenumbers.PhoneNumberFormat.E164)
    else:
        out = phonenumbers.format_number(pn, phonenumbers.PhoneNumberFormat.NATIONAL)
    return out, region


def gen_phone(v):
    if v == "us" or (not v and rng.random() < 0.68):
        out, region = gen_phone_us("US")
    elif v == "ca":
        out, region = gen_phone_us("CA")
    elif v and v.upper() in INTL:
        out, region = gen_phone_intl(v.upper())
    else:
        out, region = gen_phone_intl()
    pn = phonenumbers.parse(out, region)
    assert phonenumbers.is_possible_number(pn), out
    return out


# ---------------------------------------------------------------- IBAN
IBAN_SPECS = {  # country: bban generator
    "DE": lambda: rd(18),
    "GB": lambda: rng.choice(["NWBK", "BARC", "HBUK", "LOYD", "MIDL"]) + rd(14),
    "FR": lambda: rd(10) + ru(11, UPPER + DIGITS) + rd(2),
    "NL": lambda: rng.choice(["ABNA", "INGB", "RABO", "TRIO"]) + rd(10),
    "ES": lambda: rd(20),
    "IT": lambda: rng.choice(UPPER) + rd(10) + rd(12),
    "BE": lambda: rd(12),
    "CH": lambda: rd(17),
    "IE": lambda: rng.choice(["AIBK", "BOFI"]) + rd(14),
    "PL": lambda: rd(24),
    "AT": lambda: rd(16),
    "PT": lambda: rd(21),
    "SE": lambda: rd(20),
    "NO": lambda: rd(11),
    "DK": lambda: rd(14),
}


def iban_check(cc, bban):
    s = bban + cc + "00"
    num = "".join(str(int(c, 36)) for c in s)
    return f"{98 - int(num) % 97:02d}"


def gen_iban(v):
    cc = v.upper() if v else rng.choice(list(IBAN_SPECS))
    for _ in range(5000):
        bban = IBAN_SPECS[cc]()
        code = cc + iban_check(cc, bban) + bban
        if std_iban.is_valid(code):
            break
    else:
        raise RuntimeError(cc)
    if rng.random() < 0.6:
        code = " ".join(code[i:i + 4] for i in range(0, len(code), 4))
    assert std_iban.is_valid(code)
    return code


# ---------------------------------------------------------------- routing / NPI / DEA
def gen_aba(v):
    while True:
        pre = rng.choice(list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73)))
        body = f"{pre:02d}" + rd(6)
        w = [3, 7, 1, 3, 7, 1, 3, 7]
        chk = (10 - sum(int(d) * x for d, x in zip(body, w)) % 10) % 10
        num = body + str(chk)
        if std_rtn.is_valid(num):
            return num


def gen_npi(v):
    body = rng.choice("12") + rd(8)
    num = body + luhn.calc_check_digit("80840" + body)
    assert luhn.is_valid("80840" + num)
    return num


def dea_valid(s):
    d = [int(c) for c in s[2:]]
    return len(s) == 9 and s[:2].isalpha() and (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10 == d[6]


def gen_dea(v):
    first = rng.choice("ABFGMABFB")
    second = rng.choice(UPPER)
    d = [int(c) for c in rd(6)]
    chk = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    s = first + second + "".join(map(str, d)) + str(chk)
    assert dea_valid(s)
    return s


# ---------------------------------------------------------------- MRN / plan / account / license / passport
def gen_mrn(v):
    k = rng.randrange(7)
    if k == 0:
        return rd(8)
    if k == 1:
        return "00" + rd(rng.choice([6, 7]))
    if k == 2:
        return "E" + rd(7)
    if k == 3:
        return rd(3) + "-" + rd(3) + "-" + rd(3)
    if k == 4:
        return rng.choice("123456789") + rd(rng.choice([6, 9]))
    if k == 5:
        return "MR" + rd(7)
    return rd(2) + "-" + rd(6)


MBI_LETTERS = [c for c in UPPER if c not in "SLOIBZ"]


def gen_mbi():
    c = lambda: rng.choice("123456789")
    a = lambda: rng.choice(MBI_LETTERS)
    an = lambda: rng.choice(MBI_LETTERS + list(DIGITS))
    n = lambda: rng.choice(DIGITS)
    s = c() + a() + an() + n() + a() + an() + n() + a() + a() + n() + n()
    if rng.random() < 0.5:
        s = f"{s[:4]}-{s[4:7]}-{s[7:]}"
    return s


def gen_plan(v):
    if v == "mbi":
        return gen_mbi()
    k = rng.randrange(7)
    if k == 0:
        return ru(3) + rd(9)
    if k == 1:
        return "W" + rd(9)
    if k == 2:
        return gen_mbi()
    if k == 3:
        return ru(2) + rd(5) + ru(1)
    if k == 4:
        return ru(3) + " " + rd(9)
    if k == 5:
        return "H" + rd(10)
    return rd(9) + "-" + rd(2)


def gen_account(v):
    k = rng.randrange(6)
    if k == 0:
        return rd(rng.randint(8, 12))
    if k == 1:
        return " ".join(rd(4) for _ in range(3))
    if k == 2:
        return rd(7) + "-" + rd(2)
    if k == 3:
        return "00" + rd(rng.randint(8, 10))
    if k == 4:
        return rd(4) + "-" + rd(4) + "-" + rd(4)
    return rd(rng.randint(13, 17))


def gen_license(v):
    k = rng.randrange(9)
    if k == 0:  # CA
        return rng.choice(UPPER) + rd(7)
    if k == 1:  # NY
        return f"{rd(3)} {rd(3)} {rd(3)}"
    if k == 2:  # FL
        return f"{rng.choice(UPPER)}{rd(3)}-{rd(3)}-{rd(2)}-{rd(3)}-{rd(1)}"
    if k == 3:  # IL
        return f"{rng.choice(UPPER)}{rd(3)}-{rd(4)}-{rd(4)}"
    if k == 4:  # TX
        return rd(8)
    if k == 5:  # WA
        return "WDL" + ru(6, UPPER + DIGITS)
    if k == 6:  # PA
        return f"{rd(2)} {rd(3)} {rd(3)}"
    if k == 7:  # professional (medical board)
        return rng.choice(["A", "G", "C"]) + rd(rng.choice([5, 6]))
    return rng.choice(UPPER) + rd(12)


def gen_passport(v):
    k = rng.randrange(7)
    if k == 0:
        return rd(9)
    if k == 1:
        return rng.choice(UPPER) + rd(8)
    if k == 2:
        return ru(2) + rd(6)
    if k == 3:
        return rng.choice("JKLMNPRSTVZ") + rd(7)
    if k == 4:
        return "C" + "".join(rng.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8))
    if k == 5:
        return "G" + rd(8)
    return rd(3) + rd(6)


# ---------------------------------------------------------------- dates / ages
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def ordinal(d):
    suf = "th" if 11 <= d % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"{d}{suf}"


def fmt_date(y, m, d, allow_short):
    styles = ["m/d/yyyy", "mm/dd/yyyy", "m/d/yy", "iso", "dd.mm.yyyy", "dd/mm/yyyy", "Month d, yyyy",
              "Mon d, yyyy", "Mon d yyyy", "d Month yyyy", "Month dth, yyyy", "dth of Month yyyy",
              "mm-dd-yyyy", "month d yyyy lower", "d-Mon-yyyy"]
    if allow_short:
        styles += ["Month d", "Mon. d", "m/d", "dth of Month", "Month dth", "month d lower", "Mon d"]
    s = rng.choice(styles)
    M, Mo = MONTHS[m - 1], MON[m - 1]
    return {
        "m/d/yyyy": f"{m}/{d}/{y}", "mm/dd/yyyy": f"{m:02d}/{d:02d}/{y}", "m/d/yy": f"{m}/{d}/{y % 100:02d}",
        "iso": f"{y}-{m:02d}-{d:02d}", "dd.mm.yyyy": f"{d:02d}.{m:02d}.{y}", "dd/mm/yyyy": f"{d:02d}/{m:02d}/{y}",
        "Month d, yyyy": f"{M} {d}, {y}", "Mon d, yyyy": f"{Mo} {d}, {y}", "Mon d yyyy": f"{Mo} {d} {y}",
        "d Month yyyy": f"{d} {M} {y}", "Month dth, yyyy": f"{M} {ordinal(d)}, {y}",
        "dth of Month yyyy": f"{ordinal(d)} of {M} {y}", "mm-dd-yyyy": f"{m:02d}-{d:02d}-{y}",
        "month d yyyy lower": f"{M.lower()} {d} {y}", "d-Mon-yyyy": f"{d:02d}-{Mo}-{y}",
        "Month d": f"{M} {d}", "Mon. d": f"{Mo}. {d}", "m/d": f"{m}/{d}", "dth of Month": f"{ordinal(d)} of {M}",
        "Month dth": f"{M} {ordinal(d)}", "month d lower": f"{M.lower()} {d}", "Mon d": f"{Mo} {d}",
    }[s]


def gen_date(v):
    y = rng.randint(2021, 2026)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return fmt_date(y, m, d, allow_short=(v != "full"))


def gen_dob(v):
    y = rng.randint(2008, 2023) if v == "kid" else rng.randint(1928, 2005)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return fmt_date(y, m, d, allow_short=False)


def gen_age(v):
    return str(rng.choice([90, 91, 92, 93, 94, 95, 96, 97, 98, 99, 100, 101, 102, 104]))


# ---------------------------------------------------------------- addresses
STREETS = ["Maple", "Oak", "Cedar", "Pine", "Elm", "Washington", "Lincoln", "Jefferson", "Park", "Lake", "Hill",
           "Sunset", "Mission", "Valencia", "Peachtree", "Magnolia", "Willow", "Highland", "Riverside", "Chestnut",
           "Walnut", "Spruce", "Dogwood", "Juniper", "Sycamore", "Church", "Mill", "Meadow", "Forest", "Franklin",
           "Madison", "Grand", "Broad", "Market", "Ocean", "Harbor", "College", "Prospect", "Fulton", "Atlantic",
           "Flatbush", "Cesar Chavez", "Martin Luther King Jr", "Malcolm X", "Rainier", "Camelback", "Lamar",
           "Guadalupe", "Kalakaua", "Nostrand", "Ponce de Leon", "Colfax", "Hennepin", "Woodward", "Euclid",
           "Alvarado", "Figueroa", "Bluebonnet", "Cottonwood", "Old Mill", "Stony Brook", "Quail Run",
           "2nd", "3rd", "5th", "14th", "21st", "34th", "72nd", "116th", "W 34th", "E 9th"]
SUFFIXES = ["St", "St.", "Street", "Ave", "Ave.", "Avenue", "Blvd", "Rd", "Road", "Dr", "Drive", "Ln", "Lane",
            "Ct", "Way", "Pl", "Terrace", "Pkwy", "Cir", "Trail", "Hwy"]
NOSUFFIX = ["Broadway", "El Camino Real", "Avenue of the Americas", "Calle Ocho", "The Embarcadero"]
UNITS = ["Apt 4B", "Apt. 12", "#305", "Unit 7", "Suite 210", "Ste 400", "Apt 2", "#3R", "Unit B", "Apt 1107",
         "Fl 3", "Apt #6C"]
UK_STREETS = ["Baker Street", "Acacia Avenue", "Church Lane", "Victoria Road", "Station Road", "Kingsway",
              "Mill Lane", "High Street", "Queen's Road", "Albert Terrace", "Ladbroke Grove", "Cowley Road"]
CA_STREETS = ["Queen St W", "Yonge Street", "Rue Sainte-Catherine", "Granville St", "Bloor St E", "Jasper Ave"]


def gen_street(v):
    if v == "uk":
        return f"{rng.randint(1, 240)} {rng.choice(UK_STREETS)}"
    if v == "ca":
        return f"{rng.randint(1, 2400)} {rng.choice(CA_STREETS)}"
    num = str(rng.choice([rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 9999),
                          rng.randint(10000, 24999)]))
    if rng.random() < 0.05:
        num = f"{rng.randint(10, 99)}-{rng.randint(10, 99)}"  # Queens-style
    if rng.random() < 0.08:
        name = rng.choice(NOSUFFIX)
    else:
        name = rng.choice(STREETS) + " " + rng.choice(SUFFIXES)
        if rng.random() < 0.15 and not name[0].isdigit() and name.split()[0] not in ("W", "E"):
            name = rng.choice(["N", "S", "E", "W", "N.", "NE", "SW", "North", "West"]) + " " + name
    addr = f"{num} {name}"
    if v == "unit" or (not v and rng.random() < 0.3):
        addr += " " + rng.choice(UNITS)
    elif addr.endswith("."):
        addr = addr[:-1]  # keep the span free of a trailing period
    return addr


UK_OUT = ["SW1A", "E1", "M4", "B15", "LS6", "EH3", "G12", "CF10", "BS8", "N7", "SE15", "OX4", "W1T", "NW3", "L8"]


def gen_postal(v):
    if v == "uk":
        return f"{rng.choice(UK_OUT)} {rng.randint(0, 9)}{ru(2, 'ABDEFGHJLNPQRSTUWXYZ')}"
    if v == "ca":
        L = "ABCEGHJKLMNPRSTVXY"
        return f"{rng.choice(L)}{rng.randint(0, 9)}{rng.choice(L)} {rng.randint(0, 9)}{rng.choice(L)}{rng.randint(0, 9)}"
    z = f"{rng.randint(1001, 99950):05d}"
    if v == "zip4" or (not v and rng.random() < 0.15):
        z += "-" + rd(4)
    return z


# ---------------------------------------------------------------- network / devices
def gen_ip(v):
    if v == "v6" or (not v and rng.random() < 0.2):
        groups = [rng.randint(0, 0xFFFF) for _ in range(8)]
        groups[0] = rng.choice([0x2001, 0x2600, 0x2a02, 0x2607, 0xfe80, 0x2406])
        if groups[0] == 0xfe80:
            groups[1] = groups[2] = groups[3] = 0
        elif rng.random() < 0.7:
            i = rng.randint(1, 5)
            for j in range(i, min(8, i + rng.randint(1, 3))):
                groups[j] = 0
        addr = ipaddress.IPv6Address(":".join(f"{g:x}" for g in groups))
        return str(addr) if rng.random() < 0.85 else addr.exploded
    if v == "priv" or (not v and rng.random() < 0.25):
        return rng.choice([f"192.168.{rng.randint(0, 10)}.{rng.randint(2, 254)}",
                           f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}",
                           f"172.{rng.randint(16, 31)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}"])
    while True:
        a = rng.randint(1, 223)
        if a not in (10, 127, 172, 192):
            break
    return f"{a}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def gen_mac(v):
    b = [rng.randint(0, 255) for _ in range(6)]
    b[0] &= 0xFE
    k = rng.randrange(5)
    if k == 0:
        return ":".join(f"{x:02X}" for x in b)
    if k == 1:
        return ":".join(f"{x:02x}" for x in b)
    if k == 2:
        return "-".join(f"{x:02X}" for x in b)
    if k == 3:
        h = "".join(f"{x:02x}" for x in b)
        return f"{h[:4]}.{h[4:8]}.{h[8:]}"
    return "-".join(f"{x:02x}" for x in b)


def gen_imei(v):
    tac = rng.choice(["35", "35", "86", "01", "49"]) + rd(6)
    body = tac + rd(6)
    num = body + luhn.calc_check_digit(body)
    assert std_imei.is_valid(num)
    k = rng.randrange(4)
    if k == 0:
        out = f"{num[:2]} {num[2:8]} {num[8:14]} {num[14]}"
    elif k == 1:
        out = f"{num[:2]}-{num[2:8]}-{num[8:14]}-{num[14]}"
    else:
        out = num
    assert std_imei.is_valid(out)
    return out


VIN_TRANS = {**{str(i): i for i in range(10)},
             **dict(zip("ABCDEFGH", range(1, 9))), **dict(zip("JKLMN", range(1, 6))), "P": 7, "R": 9,
             **dict(zip("STUVWXYZ", range(2, 10)))}
VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]
VIN_CH = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


def vin_valid(v):
    if len(v) != 17 or any(c not in VIN_TRANS for c in v):
        return False
    r = sum(VIN_TRANS[c] * w for c, w in zip(v, VIN_W)) % 11
    return v[8] == ("X" if r == 10 else str(r))


def gen_vin(v):
    wmi = rng.choice(["1HG", "1FT", "1G1", "2T1", "3VW", "5YJ", "JTD", "JHM", "KMH", "WBA", "WVW", "1C4",
                      "4T1", "5NP", "3FA", "1N4", "JN1", "SAL", "YV1", "2HG", "1FM", "5FN"])
    vds = "".join(rng.choice(VIN_CH) for _ in range(5))
    year = rng.choice("ABCDEFGHJKLMNPRSTVWXY123456789")
    plant = rng.choice(VIN_CH)
    serial = rd(6)
    s = wmi + vds + "0" + year + plant + serial
    r = sum(VIN_TRANS[c] * w for c, w in zip(s, VIN_W)) % 11
    s = s[:8] + ("X" if r == 10 else str(r)) + s[9:]
    assert vin_valid(s)
    return s


def gen_uuid(v):
    u = str(uuid.UUID(int=rng.getrandbits(128), version=4))
    return u.upper() if rng.random() < 0.15 else u


# ---------------------------------------------------------------- bitcoin
B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58check(payload):
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    pad = len(data) - len(data.lstrip(b"\0"))
    return "1" * pad + out


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if (b >> i) & 1 else 0
    return chk


def _convertbits(data, frm, to):
    acc = bits = 0
    ret = []
    maxv = (1 << to) - 1
    for value in data:
        acc = (acc << frm) | value
        bits += frm
        while bits >= to:
            bits -= to
            ret.append((acc >> bits) & maxv)
    if bits:
        ret.append((acc << (to - bits)) & maxv)
    return ret


def bech32_segwit(hrp, witver, prog):
    data = [witver] + _convertbits(prog, 8, 5)
    hrpx = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
    pm = _polymod(hrpx + data + [0] * 6) ^ 1
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + chk)


def gen_crypto(v):
    k = v or rng.choice(["legacy", "p2sh", "bech32", "bech32", "wsh"])
    rb = lambda n: bytes(rng.getrandbits(8) for _ in range(n))
    if k == "legacy":
        a = b58check(b"\x00" + rb(20))
    elif k == "p2sh":
        a = b58check(b"\x05" + rb(20))
    elif k == "wsh":
        a = bech32_segwit("bc", 0, rb(32))
    else:
        a = bech32_segwit("bc", 0, rb(20))
    assert bitcoin.is_valid(a), a
    return a


# ---------------------------------------------------------------- credentials / urls
PW_WORDS = ["sunflower", "buster", "dragon", "Fluffy", "monkey", "Tigger", "bluebird", "Pumpkin", "coffee",
            "Jordan", "mustang", "shadow", "Cowboys", "princess", "hunter", "Lakers", "banana", "Snoopy",
            "winter", "Falcon", "kitty", "galaxy", "Rocket", "mango"]


def gen_password():
    k = rng.randrange(7)
    w = rng.choice(PW_WORDS)
    if k == 0:
        return w.capitalize() + rng.choice("!#$@&*") + str(rng.randint(1990, 2025))
    if k == 1:
        t = w.translate(str.maketrans("aeiosAEIOS", "@3105@3105"))
        return t + rd(rng.randint(1, 3)) + rng.choice(["", "!", "?"])
    if k == 2:
        return "-".join(rng.choice(PW_WORDS).lower() for _ in range(rng.randint(3, 4)))
    if k == 3:
        return w.lower() + str(rng.randint(1, 2025))
    if k == 4:
        return "".join(rng.choice(ALNUM + "!@#$%^&*") for _ in range(rng.randint(10, 16)))
    if k == 5:
        return rng.choice(["P@ssw0rd", "Welcome", "Qwerty", "Letmein", "Passw0rd"]) + rd(rng.randint(1, 4)) + "!"
    return w + rng.choice(["_", ".", ""]) + rng.choice(PW_WORDS).capitalize() + rd(2)


def gen_jwt():
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    header = b64(b'{"alg":"HS256","typ":"JWT"}')
    payload = b64(json.dumps({"sub": rd(7), "iat": int(rd(10)), "role": "member"}, separators=(",", ":")).encode())
    sig = b64(bytes(rng.getrandbits(8) for _ in range(32)))
    return f"{header}.{payload}.{sig}"


def gen_credential(v):
    k = v or rng.choice(["pw", "pw", "pw", "api", "pin", "gh", "aws", "slack", "google", "jwt"])
    if k == "pw":
        return gen_password()
    if k == "pin":
        return rd(rng.choice([4, 4, 4, 6]))
    if k == "api":
        k = rng.choice(["stripe", "gh", "aws", "slack", "google", "gl", "stripe"])
    if k == "stripe":
        return rng.choice(["sk_live_", "sk_test_", "rk_live_"]) + "".join(rng.choice(ALNUM) for _ in range(24))
    if k == "gh":
        return "ghp_" + "".join(rng.choice(ALNUM) for _ in range(36))
    if k == "aws":
        return "AKIA" + ru(16, UPPER + "234567")
    if k == "slack":
        return f"xoxb-{rd(12)}-{rd(13)}-" + "".join(rng.choice(ALNUM) for _ in range(24))
    if k == "google":
        return "AIza" + "".join(rng.choice(ALNUM + "-_") for _ in range(35))
    if k == "gl":
        return "glpat-" + "".join(rng.choice(ALNUM + "-_") for _ in range(20))
    if k == "jwt":
        return gen_jwt()
    raise ValueError(k)


URL_DOMAINS = ["portal.brightpathhealth.com", "myclinic-telehealth.net", "shopnest.co", "pay.quillbank.com",
               "bit.ly", "drive.google.com", "zoom.us", "docs.google.com", "tinyurl.com", "github.com",
               "amzn.to", "linktr.ee", "secure-login-quillbank.info", "visit.carebridge.io", "www.etsy.com",
               "track.parcelhop.com", "www.instagram.com", "mychart.northvalleymed.org", "dropbox.com"]


def gen_url(v):
    d = rng.choice(URL_DOMAINS)
    tok = lambda n: "".join(rng.choice(ALNUM) for _ in range(n))
    path = {
        "bit.ly": f"/{tok(7)}", "tinyurl.com": f"/{tok(8).lower()}", "amzn.to": f"/{tok(7)}",
        "zoom.us": f"/j/{rd(11)}?pwd={tok(22)}", "drive.google.com": f"/file/d/{tok(28)}/view",
        "docs.google.com": f"/document/d/{tok(30)}/edit", "github.com": f"/{tok(6).lower()}/{rng.choice(['api', 'app', 'infra'])}",
        "linktr.ee": f"/{tok(9).lower()}", "www.instagram.com": f"/{tok(8).lower()}_{rd(2)}/",
        "dropbox.com": f"/s/{tok(15).lower()}/scan.pdf?dl=0",
    }.get(d, rng.choice(["/visit/" + tok(10), "/login", "/orders/" + rd(8) + "/return", "/account/verify?t=" + tok(16),
                         "/appointments?id=" + rd(6), "/", "/support/chat", "/listing/" + rd(9)]))
    scheme = rng.choice(["https://", "https://", "https://", "http://", ""])
    if scheme == "" and not d.startswith("www.") and d not in ("bit.ly", "github.com", "amzn.to", "zoom.us"):
        scheme = "https://"
    u = scheme + d + path
    if u.endswith("/") and rng.random() < 0.5:
        u = u[:-1]
    return u


GENERATORS = {
    "CREDIT_CARD": gen_card, "CARD_CVV": gen_cvv, "CARD_EXPIRY": gen_expiry, "US_SSN": gen_ssn,
    "US_ITIN": gen_itin, "EMAIL": gen_email, "PHONE": gen_phone, "IBAN": gen_iban, "ABA_ROUTING": gen_aba,
    "NPI": gen_npi, "DEA_NUMBER": gen_dea, "MEDICAL_RECORD_NUMBER": gen_mrn, "HEALTH_PLAN_ID": gen_plan,
    "ACCOUNT_NUMBER": gen_account, "LICENSE_NUMBER": gen_license, "PASSPORT": gen_passport, "DATE": gen_date,
    "DATE_OF_BIRTH": gen_dob, "AGE_OVER_89": gen_age, "POSTAL_CODE": gen_postal, "STREET_ADDRESS": gen_street,
    "PERSON": gen_person, "IP_ADDRESS": gen_ip, "URL": gen_url, "MAC_ADDRESS": gen_mac, "IMEI": gen_imei,
    "VIN": gen_vin, "UUID": gen_uuid, "CRYPTO_ADDRESS": gen_crypto, "CREDENTIAL": gen_credential,
}


# ---------------------------------------------------------------- non-identifier fillers
def luhn_fail16():
    while True:
        n = rng.choice("3456789") + rd(15)
        if not luhn.is_valid(n):
            break
    return rng.choice([" ", "-", ""]).join(n[i:i + 4] for i in range(0, 16, 4))


FILLERS = {
    "ORDER": lambda: rng.choice([rd(8), "ORD-" + rd(6), "W" + rd(10), "SN-" + rd(7), rd(5) + "-" + rd(3), "A" + rd(7)]),
    "AMZORDER": lambda: f"{rd(3)}-{rd(7)}-{rd(7)}",
    "TRACK": lambda: rng.choice(["1Z" + ru(6, UPPER + DIGITS) + rd(10),
                                 " ".join([rd(4) for _ in range(5)] + [rd(2)]),
                                 f"{rd(4)} {rd(4)} {rd(4)}", "TBA" + rd(12), "LX" + rd(9) + "CN"]),
    "LUHNFAIL16": luhn_fail16,
    "VERSION": lambda: rng.choice([f"{rng.randint(1, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 12)}",
                                   f"v{rng.randint(1, 12)}.{rng.randint(0, 9)}.{rng.randint(0, 9)}-beta.{rng.randint(1, 5)}",
                                   f"{rng.randint(3, 6)}.{rng.randint(10, 40)}.{rng.randint(0, 9)} ({rng.randint(1000, 4999)})"]),
    "LOGTIME": lambda: f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rd(3)}",
    "PRICE": lambda: rng.choice([f"${rng.randint(1, 2)},{rd(3)}.{rd(2)}", f"${rng.randint(5, 400)}.{rd(2)}",
                                 f"€{rng.randint(5, 90)},{rd(2)}", f"£{rng.randint(3, 60)}.{rng.choice(['00', '50', '99'])}",
                                 f"USD {rng.randint(10, 500)}.00", f"${rng.randint(3, 60)}"]),
    "PARTNO": lambda: rng.choice([f"{rd(4)}-{rd(3)}-{rd(2)}", f"HF-{rd(4)}-{rng.choice(UPPER)}", f"{rd(3)}-{rd(2)}-{rd(3)}"]),
    "INVOICE": lambda: rng.choice(["INV-" + rd(5), f"INV-{rd(4)}-{rd(4)}", "#" + rd(6), f"{rd(4)}-{rd(5)}"]),
    "REFCODE": lambda: f"{ru(3, UPPER + DIGITS)}-{ru(3, UPPER + DIGITS)}-{ru(3, UPPER + DIGITS)}",
    "CASENUM": lambda: rng.choice(["CS" + rd(7), rd(8), "#" + rd(7), "TKT-" + rd(6)]),
    "UPC": lambda: rd(12),
    "MODEL": lambda: rng.choice([f"KDL-{rd(2)}X{rd(3)}H", f"SM-G{rd(3)}U", f"A{rd(4)}", f"WH-1000XM{rng.randint(3, 5)}",
                                 f"DCD{rd(3)}B"]),
    "TXN": lambda: rng.choice(["TXN-" + rd(8), "T" + rd(10), rd(6) + ru(4)]),
    "LOT": lambda: rng.choice([ru(2) + rd(4), rd(2) + ru(1) + rd(2)]),
    "SERIAL": lambda: rng.choice(["C02" + ru(9, UPPER + DIGITS), rd(1) + ru(1) + rd(4) + ru(1) + rd(1)]),
    "COUPON": lambda: rng.choice(["SAVE20-XMAS", "WELCOME10", "FREESHIP", "SPRING25", "VIP-" + rd(3)]),
    "CONF": lambda: ru(6, UPPER + DIGITS),
    "HEXHASH": lambda: "".join(rng.choice("0123456789abcdef") for _ in range(rng.choice([7, 8, 12, 40]))),
    "SKU": lambda: f"SKU-{rd(5)}-{ru(2)}",
    "RECEIPT": lambda: f"{rd(4)}-{rd(3)}-{rd(4)}",
    "PHONELIKE": lambda: rng.choice([f"{rd(3)}-{rd(4)}-{rd(3)}", f"{rd(2)}-{rd(3)}-{rd(5)}", f"{rd(3)}-{rd(3)}-{rd(2)}"]),
    "AGE_YOUNG": lambda: str(rng.randint(18, 89)),
    "AGE_KID": lambda: str(rng.randint(2, 23)),
    "EPOCH": lambda: "17" + rd(8),
    "QTY": lambda: str(rng.randint(2, 48)),
}


# ---------------------------------------------------------------- frames: messages WITH identifiers
POS_FRAMES = [
    # ---- telehealth / clinic
    "hi, I need to reschedule my appt with Dr. {PERSON:last} on {DATE}. my DOB is {DATE_OF_BIRTH} if u need it",
    "Patient: {PERSON}\nDOB: {DATE_OF_BIRTH}\nMRN: {MEDICAL_RECORD_NUMBER}\nReason: f/u re BP meds",
    "my mom {PERSON:ffirst} is {AGE_OVER_89} and she cant use the app, can I book for her? her member id is {HEALTH_PLAN_ID}",
    "Can you send the lab results to {EMAIL}? The last ones went to my old address",
    "the pharmacy says Dr {PERSON:last}'s DEA # {DEA_NUMBER} doesnt match what they have on file??",
    "NPI {NPI} — that's the referring provider, {PERSON} MD",
    "insurance card says {HEALTH_PLAN_ID} (member) ... do u take that plan or no",
    "{PERSON:first} here 👋 my chart number is {MEDICAL_RECORD_NUMBER}, I was seen on {DATE} for a sinus infection and still feel awful",
    "grandpa turned {AGE_OVER_89} last week lol and he still refuses the walker. anyway his medicare number is {HEALTH_PLAN_ID:mbi}",
    "Hello, I am writing on behalf of my father, {PERSON:mfull}, born {DATE_OF_BIRTH}. He needs a refill of lisinopril 10mg.",
    "pls call me back at {PHONE} after 5pm, i work nights",
    "My new address is {STREET_ADDRESS}, Springfield IL {POSTAL_CODE} — please update before you ship the test kit",
    "Is Dr. {PERSON:last} still at the {STREET_ADDRESS} office or did she move",
    "ok so the video visit link isnt working. its {URL} and it just spins",
    "i'm {PERSON}, d.o.b {DATE_OF_BIRTH}, trying to get my vaccine record",
    "^U FAX THE REFERRAL TO DR {PERSON:last} AT {PHONE:us} THANK YOU",
    "my daughter {PERSON:ffirst} ({DATE_OF_BIRTH:kid}) has had a fever of 102.4 since last night, should we come in",
    "The provider's NPI is {NPI} and the tax ID... actually never mind just the NPI",
    "Hi {PERSON:first}, thanks for your message. I've updated the phone on file to {PHONE}. — {PERSON:first}, Patient Support",
    "can u check if my husband {PERSON:mfull} is on my plan? his id is {HEALTH_PLAN_ID}",
    "Great-aunt {PERSON:ffirst} is {AGE_OVER_89} yrs old and lives alone at {STREET_ADDRESS}. We need a home visit.",
    "MRN# {MEDICAL_RECORD_NUMBER} / {PERSON} / appt {DATE} 2:30pm — pls confirm",
    "I got a bill for a visit on {DATE} that I never had?? member ID {HEALTH_PLAN_ID}",
    "Dr. {PERSON} (NPI {NPI}, DEA {DEA_NUMBER}) prescribed it, the pharmacy can verify",
    "he's {AGE_OVER_89@a}. {AGE_OVER_89@a}! and they want him to do the portal registration online 🙄",
    "Nurse {PERSON:first} said to message here. My blood sugar was 240 this morning and I'm at {STREET_ADDRESS:unit} if someone needs to come",
    "Please note my allergies: penicillin, sulfa. Name: {PERSON:fmi}. DOB {DATE_OF_BIRTH}.",
    "my email changed → {EMAIL}",
    "Passport: {PASSPORT}. I need it on the travel vaccine certificate exactly like that",
    "yes thats me, {PERSON}, last 4 of ssn... actually here's the full one {US_SSN}",
    "we moved to {STREET_ADDRESS} {POSTAL_CODE} so the closest clinic probably changed",
    "the lab requisition has the wrong birthday, it should be {DATE_OF_BIRTH} not what's printed",
    "Can {PERSON:fnick} pick up my prescription? she'll bring her driver's license ({LICENSE_NUMBER})",
    "Uploaded my insurance card but it cut off. Member {HEALTH_PLAN_ID}, subscriber {PERSON}",
    "hi its me again, the app logged me out. username {EMAIL} password {CREDENTIAL:pw} can u check whats wrong",
    "I am 27 and my grandmother is {AGE_OVER_89}, we both need flu shots, can we book together",
    "Dr. {PERSON:last} told me to follow up on {DATE}, but the earliest slot I see is way later",
    "The IP for the clinic's kiosk is {IP_ADDRESS:priv} and the MAC is {MAC_ADDRESS} — IT asked me to pass it on",
    "Transfer of records request: {PERSON}, DOB {DATE_OF_BIRTH}, previous MRN {MEDICAL_RECORD_NUMBER}, send to {EMAIL}",
    "mi mamá {PERSON:ffull} tiene {AGE_OVER_89} años y necesita una cita, su teléfono es {PHONE:us}",
    "Moving on {DATE}!! new place is {STREET_ADDRESS:unit}, Denver CO {POSTAL_CODE}",
    "medical record #{MEDICAL_RECORD_NUMBER}? idk i just have the number on the wristband",
    "I'm the caregiver for {PERSON} ({AGE_OVER_89} years old). HIPAA form was signed on {DATE}.",
    "Doc {PERSON:last} prescribed it, his DEA is {DEA_NUMBER} and NPI {NPI}",
    "thank you {PERSON:nick} you're a lifesaver ❤️",
    "my son {PERSON=Will} has a rash on his arm, can we do a video visit today?",
    "{PERSON=Grace} is my daughter, she's on my plan {HEALTH_PLAN_ID}",
    "ask for {PERSON=Mark} at the front desk, he knows about my case",
    "is the DOB on file {DATE_OF_BIRTH}? it should be",
    "ER visit {DATE} at 2am, discharge papers say MRN {MEDICAL_RECORD_NUMBER}",
    "my father ({AGE_OVER_89}) fell yesterday, is there a nurse line",
    "is it ok that the policy holder is {AGE_OVER_89}? the dropdown on the form only goes back to 1930 lol",
    "patient is a {AGE_OVER_89} y/o female w/ hx of CHF, requesting med rec",
    "{AGE_OVER_89}yo male, fall at home, lives at {STREET_ADDRESS}",
    "age: {AGE_OVER_89}\nsex: F\nzip: {POSTAL_CODE}",
    "Re: claim for {PERSON}, DOS {DATE}, member {HEALTH_PLAN_ID}, billed by NPI {NPI}",
    "Appt confirmed: {DATE} 9:15 AM with {PERSON}, PA-C. Reply C to confirm, R to reschedule.",
    "Reminder: {PERSON:first}, your telehealth visit starts at 3:30pm. Join here: {URL}",
    "{DATE}: started the new med\n{DATE}: rash appeared\n{DATE}: rash spreading to my neck",
    "Hi! I'm {PERSON}, {AGE_OVER_89} years young 😄 and I need help with the app please",
    "i'm {AGE_OVER_89} and i don't have an email, can my grandson {PERSON:mfirst} use his? it's {EMAIL}",
    "Mr. {PERSON:last} has been waiting 40 min in the virtual lobby",
    "MRN {MEDICAL_RECORD_NUMBER} is my son's, mine is {MEDICAL_RECORD_NUMBER}",
    "mrn:{MEDICAL_RECORD_NUMBER}",
    "Medicaid # {HEALTH_PLAN_ID}",
    "My NPI: {NPI}. I'm a PT trying to register as a provider on your platform.",
    "DEA# {DEA_NUMBER} exp {DATE}",
    "we have a new doc, {PERSON}, DEA {DEA_NUMBER}. please add to the prescriber list",
    "my doctor is {PERSON:ffull} in {POSTAL_CODE}, can you check if she's in network",
    "this is {PERSON:ffirst}'s mom, she's 9 and has a fever",
    "the prior auth # from the pharmacy is PA-99812 and the prescriber NPI {NPI}",
    "i put my birthday as {DATE_OF_BIRTH} by mistake, the real one is {DATE_OF_BIRTH}",
    "Emergency contact: {PERSON:ffull} (sister) {PHONE}",
    "The dentist {PERSON} (license {LICENSE_NUMBER}) is not in your directory",
    "I was born on {DATE_OF_BIRTH} and the system says I'm under 18?? clearly not",
    "Insurance: {HEALTH_PLAN_ID}\nPCP: Dr. {PERSON}\nPharmacy phone {PHONE:us}",
    "Pt {PERSON:init}, {AGE_OVER_89}F, needs home O2 eval",
    "pls send the superbill to {EMAIL}, my FSA needs it. visit was {DATE}",
    "can someone call my daughter {PERSON:ffirst} at {PHONE}? she handles my appointments, I'm {AGE_OVER_89} and hard of hearing",
    "He was seen by Dr. {PERSON:last} and Dr. {PERSON:last} — both said different things",
    "Tele-visit room link {URL} isn't opening on my ipad",
    "my kid's MRN is {MEDICAL_RECORD_NUMBER} and his dob {DATE_OF_BIRTH:kid}, we need a school form",
    "I'm an RN, license {LICENSE_NUMBER}, applying for the remote nurse job",
    # ---- fintech / banking
    "my card {CREDIT_CARD} got declined at the gas station twice today wtf",
    "Card number: {CREDIT_CARD}\nExp: {CARD_EXPIRY}\nCVV: {CARD_CVV}",
    "can i change the card on file to {CREDIT_CARD} exp {CARD_EXPIRY} cvc {CARD_CVV}? the old one expired",
    "routing {ABA_ROUTING} account {ACCOUNT_NUMBER} for direct deposit pls",
    "I sent the wire to {IBAN} but the recipient {PERSON} says nothing arrived",
    "IBAN: {IBAN}\nBIC: DEUTDEFF\nBeneficiary: {PERSON}",
    "My SSN is {US_SSN}, why does the app say it doesn't match??",
    "I don't have an SSN, I use my ITIN {US_ITIN} for taxes. Is that ok for opening the account?",
    "the 1099 shows TIN {US_ITIN} which is right but the name is misspelled as {PERSON}",
    "Just tried to add {CREDIT_CARD:amex} and it says invalid, expiry {CARD_EXPIRY}, code {CARD_CVV:amex}",
    "hey so i accidentally sent $250 to the wrong person on zelle, their number was {PHONE:us} and it should have been {PHONE:us}",
    "please send BTC to {CRYPTO_ADDRESS} not the old one",
    "withdrawal to {CRYPTO_ADDRESS} has been pending for 3 hours, tx fee was like $14",
    "Is this legit? someone emailed from {EMAIL} asking for my online banking password",
    "acct #{ACCOUNT_NUMBER} — I need statements for the last 2 years for my mortgage app",
    "My pin is {CREDENTIAL:pin} and it keeps saying incorrect at the ATM",
    "SSN: {US_SSN} | DOB: {DATE_OF_BIRTH} | Name: {PERSON}",
    "charged twice on {DATE} for $89.99 on card ending... wait full no is {CREDIT_CARD}",
    "Hi, I'm {PERSON}, I want to dispute a charge from {DATE}. My account number is {ACCOUNT_NUMBER}.",
    "update my mailing address to {STREET_ADDRESS}, Austin, TX {POSTAL_CODE} pls, the statements are going to my ex 😬",
    "The API key {CREDENTIAL:api} was accidentally pushed to a public repo, please revoke it ASAP",
    "my wife {PERSON:ffirst} is the joint holder, her social is {US_SSN}",
    "received a text from {PHONE} saying my account is locked, is that you guys?",
    "beneficiary: {PERSON} / {IBAN} / ref: rent",
    "Can I set up autopay from {ABA_ROUTING} / {ACCOUNT_NUMBER}? It's a credit union",
    "{CREDIT_CARD} {CARD_EXPIRY} {CARD_CVV}",
    "ok the new card is here: {CREDIT_CARD}\nvalid thru {CARD_EXPIRY}",
    "my tax id (ITIN) {US_ITIN}, my SSN application is still pending",
    "Ethereum isn't supported? ok then bitcoin: {CRYPTO_ADDRESS}",
    "Why was my card {CREDIT_CARD:visa13} (old visa) charged when I removed it??",
    "added {CREDIT_CARD:diners}, it's a Diners Club, expires {CARD_EXPIRY}",
    "Maestro card {CREDIT_CARD:maestro} doesn't work for online purchases, is that normal?",
    "My UnionPay {CREDIT_CARD:unionpay} was rejected, I'm visiting from Shanghai",
    "JCB: {CREDIT_CARD:jcb} exp {CARD_EXPIRY}",
    "the discover card is {CREDIT_CARD:disc}, the mastercard is {CREDIT_CARD:mc}, use the discover first",
    "hi!! trying to verify identity, the selfie thing failed, here's my passport number {PASSPORT} and DL {LICENSE_NUMBER}",
    "password reset email went to {EMAIL} but I don't have access to that anymore. new one is {EMAIL}",
    "the loan officer {PERSON} said to send my SSN here: {US_SSN}. is this chat secure?",
    "Statement shows a transfer to {ACCOUNT_NUMBER} on {DATE} that I did NOT authorize",
    "I'm a sole proprietor, my ITIN is {US_ITIN} and my business bank routing number is {ABA_ROUTING}",
    "card: {CREDIT_CARD} | {CARD_EXPIRY} | {CARD_CVV} | {POSTAL_CODE}",
    "billing zip {POSTAL_CODE} doesn't match?? i've lived here 6 years",
    "wire details\nIBAN {IBAN:gb}\nname {PERSON}\naddress {STREET_ADDRESS:uk}, London {POSTAL_CODE:uk}",
    "DE bank: {IBAN:de}",
    "need to pay my landlord in Spain, his IBAN is {IBAN:es}, is there a fee",
    "my ssn is {US_SSN:nodash} (no dashes sorry)",
    "SSN {US_SSN:nodash}?",
    "oops that was my old card. new one {CREDIT_CARD}",
    "tried paying with {CREDIT_CARD:mc2} (the new 2-series mastercard) and it says invalid card type",
    "ok, amex {CREDIT_CARD:amex}, exp {CARD_EXPIRY}, cid {CARD_CVV:amex}",
    "cvv is {CARD_CVV} btw",
    "expiry {CARD_EXPIRY} sorry i forgot",
    "the visa ending... no, the whole number: {CREDIT_CARD:visa}",
    "19 digit card?? yes: {CREDIT_CARD:visa19}",
    "Bitcoin refund address: {CRYPTO_ADDRESS}\nAmount: 0.0042 BTC",
    "send the sats to {CRYPTO_ADDRESS:bech32} pls (segwit)",
    "bc1 address or legacy? I have {CRYPTO_ADDRESS:legacy} and {CRYPTO_ADDRESS:bech32}",
    "Name on card: {PERSON} — card {CREDIT_CARD}",
    "⚠️ I think my account {ACCOUNT_NUMBER} was hacked, there's a login from {IP_ADDRESS} at 3am",
    "please verify the beneficiary: {PERSON:mfull}, DOB {DATE_OF_BIRTH}, SSN {US_SSN}, relation: son",
    "{PERSON} and {PERSON} are both authorized users",
    "can I use my partner's card? {CREDIT_CARD} — name on it is {PERSON}",
    "i think my identity was stolen, someone opened a card using my SSN {US_SSN} and my old address {STREET_ADDRESS}",
    "bonjour, mon IBAN est {IBAN:fr}, merci",
    "Dear {PERSON}, your statement dated {DATE} is ready to view.",
    "my UnionPay debit {CREDIT_CARD:unionpay19} works in store but not here",
    "discover {CREDIT_CARD:disc19} — yes it really is 19 digits",
    "Please stop charging {CREDIT_CARD:mc}!!! I cancelled on {DATE}",
    "wire from {IBAN:nl} arrived short by €25, who took the fee",
    "the IRS letter was addressed to {PERSON:ffull} with ITIN {US_ITIN}, that's my mom",
    "CARD {CREDIT_CARD}\nEXP {CARD_EXPIRY}\nSEC {CARD_CVV}\nZIP {POSTAL_CODE:us}",
    "can u reverse the ach? wrong routing # — I typed {ABA_ROUTING} instead of {ABA_ROUTING}",
    "account {ACCOUNT_NUMBER} at Chase, routing {ABA_ROUTING}. Will that work for payroll?",
    "what does 'pending verification' mean, I gave you my SSN ({US_SSN}) three times already",
    "my mother is {AGE_OVER_89} and someone opened a credit line in her name, her SSN is {US_SSN}",
    "Zelle to {EMAIL} failed but the money left my account",
    "Transfer to {PERSON:first} ({PHONE}) — $40 for concert tix. It's been 2 days",
    "My online banking password is {CREDENTIAL:pw}, can you check why it's locked",
    "new pin: {CREDENTIAL:pin} (please don't tell anyone lol)",
    "ATM ate my card 😭 it was {CREDIT_CARD:visa}",
    "the swift transfer reference says beneficiary IBAN {IBAN} but that's not mine?",
    # ---- e-commerce / shipping
    "where is my order?? shipping to {STREET_ADDRESS}, {POSTAL_CODE}",
    "Pls change delivery address to {STREET_ADDRESS:unit} Brooklyn NY {POSTAL_CODE}, buzzer doesnt work so call {PHONE:us}",
    "order for {PERSON} — gift wrap pls, ship to {STREET_ADDRESS}",
    "I returned it on {DATE}, tracking said delivered, still no refund",
    "my account email is {EMAIL} and the order is #{ORDER}",
    "The courier left it at {STREET_ADDRESS} which is NOT my house, mine is {STREET_ADDRESS}",
    "hey can u send the invoice to my accountant {PERSON} at {EMAIL}",
    "bought the rose gold one with card {CREDIT_CARD}, want the silver instead",
    "i live at {STREET_ADDRESS} ({POSTAL_CODE}) and you guys say you dont deliver here??",
    "Hi {PERSON:first}! Your package is on the way to {STREET_ADDRESS}. Questions? Reply here or call {PHONE:us}.",
    "SHIP TO: {PERSON}\n{STREET_ADDRESS:unit}\nSeattle, WA {POSTAL_CODE}\nPH: {PHONE:us}",
    "UK customer here, postcode {POSTAL_CODE:uk}, the checkout won't accept it",
    "Canadian address: {STREET_ADDRESS:ca}, Toronto ON {POSTAL_CODE:ca}",
    "the gift is for my grandma, she'll be {AGE_OVER_89}!! can u include a card that says happy birthday {PERSON:ffirst}",
    "i was charged $64.20 on {DATE} and again on {DATE}",
    "my partner {PERSON:fnick} placed the order from her account, {EMAIL}, can you merge them",
    "phone: {PHONE}\nemail: {EMAIL}\nname: {PERSON}",
    "Please don't call {PHONE} anymore, that's my work line. Use {PHONE} instead.",
    "the delivery guy said the address {STREET_ADDRESS} doesn't exist?? it literally does lol",
    "what's the weight limit for parcels? I'm sending to {STREET_ADDRESS} {POSTAL_CODE}",
    "address line 1: {STREET_ADDRESS}\naddress line 2:\ncity: Portland\nzip: {POSTAL_CODE}",
    "the old address ({STREET_ADDRESS}) keeps autofilling at checkout",
    "i got a letter addressed to {PERSON} at {STREET_ADDRESS} but no one by that name lives here",
    "mail the check to {PERSON}, {STREET_ADDRESS:unit}, Miami FL {POSTAL_CODE}",
    "Order #{ORDER} was delivered to {PERSON:first} next door?? I'm at {STREET_ADDRESS}",
    "Pickup person: {PERSON} ID: {LICENSE_NUMBER}",
    "My name is {PERSON}, not {PERSON} — please correct the spelling on the label",
    "can u delete my acc? email {EMAIL}, phone {PHONE}, I'm done with this app",
    "url is {URL} — try it in incognito",
    "{URL}\n^ this link from your email asks for my card number, scam?",
    "I used {URL} to book and it charged me in euros",
    "website: {URL}",
    "check out my shop {URL} lol, not related but",
    "\"{PERSON}\" is how it should read on the gift tag, not with the middle name",
    "please cancel the order for {PERSON:ffirst} on {DATE}, she doesn't want it anymore",
    "my neighbor {PERSON} at {STREET_ADDRESS} signed for it, can you confirm?",
    "Gift message: Happy birthday Grandma!! Love, {PERSON:first} & {PERSON:first}",
    "deliver to the back door at {STREET_ADDRESS}, the dog is friendly 🐶",
    "can the driver call {PHONE:intl} when he arrives? i only have my UK sim",
    "the product page ({URL}) says free returns but the app says $7.99",
    "RETURN LABEL NEVER ARRIVED. MY EMAIL IS {EMAIL}",
    "seller {PERSON} hasn't replied in a week, can you step in",
    "Please ship to my office: {STREET_ADDRESS:unit}, San Francisco, CA {POSTAL_CODE:zip4}",
    "recipient: {PERSON:fmi}, {STREET_ADDRESS}, Chicago IL {POSTAL_CODE}",
    # ---- IT / account / devices
    "login fails from {IP_ADDRESS}, works from home tho",
    "Here's the error: `401 Unauthorized` with token {CREDENTIAL:api}",
    "device id {UUID} keeps getting logged out",
    "my router mac is {MAC_ADDRESS}, do you need the IMEI of the phone too? it's {IMEI}",
    "IMEI {IMEI} — phone was stolen, please block it from my account",
    "lost my phone 😭 imei: {IMEI}",
    "user_id={UUID} session expired around 10:42 — see attached",
    "Your support agent {PERSON} asked for the VIN, it's {VIN}",
    "insurance quote for the car, VIN {VIN}, license {LICENSE_NUMBER}, DOB {DATE_OF_BIRTH}",
    "I think someone logged in from {IP_ADDRESS:v6}, I've never been to that country",
    "hi my username is {EMAIL}\npassword: {CREDENTIAL:pw}\nplease fix asap",
    "GitHub token {CREDENTIAL:gh} leaked in our slack, rotate it",
    "aws access key {CREDENTIAL:aws} hmm this shouldn't have been in the screenshot",
    "The webhook posts to {URL} but we're getting 500s",
    "my wifi password is {CREDENTIAL:pw}, the technician asked for it",
    "correlation id {UUID} if that helps",
    "Authorization: Bearer {CREDENTIAL:jwt}",
    "ok so the car ({VIN}) was in the accident on {DATE}, claim filed under {PERSON}",
    "our static IP is {IP_ADDRESS}, please whitelist it",
    "ticket says device {MAC_ADDRESS} was blocked for too many failed attempts",
    "client IP {IP_ADDRESS}, server IP {IP_ADDRESS:priv}, it times out between them",
    "here's the log line: [WARN] auth failed user={EMAIL} ip={IP_ADDRESS}",
    "car VIN: {VIN} — the recall notice says it's affected?",
    "the VIN on my registration is different from {VIN}, which one is right",
    "api_key={CREDENTIAL:api}&user={EMAIL}",
    "SLACK_BOT_TOKEN={CREDENTIAL:slack}",
    "google maps key {CREDENTIAL:google} isn't working on prod",
    "paste the UUID here → {UUID}",
    "Device: iPhone 13, iOS 17.4.1, IMEI {IMEI}",
    "i've tried {CREDENTIAL:pw} and {CREDENTIAL:pw} and neither works 😤",
    "order {UUID} shows as failed but my card was charged",
    "the smart scale's MAC is {MAC_ADDRESS}, it won't pair with the app",
    "my IP is {IP_ADDRESS} if u need to check the logs",
    "two devices: {IMEI} and {IMEI}. the second one is my kid's",
    "trade-in: IMEI {IMEI}, screen cracked, turns on fine",
    "VIN {VIN}\nMileage 48,210\nOwner {PERSON}",
    "our gitlab PAT is {CREDENTIAL:gl}, the CI job can't pull",
    "request id {UUID} / ip {IP_ADDRESS:v6}",
    "tracking device {MAC_ADDRESS} last seen at {IP_ADDRESS}",
    "Temp password: {CREDENTIAL:pw} — change it after first login",
    "stripe key {CREDENTIAL:stripe} is in the .env, pls dont share",
    "door code is {CREDENTIAL:pin} for the courier, {STREET_ADDRESS}",
    "garage opener app wants the car VIN, copied from the dashboard: {VIN}",
    # ---- misc / conversational
    "{EMAIL}",
    "{PHONE}",
    "{PERSON:first}??",
    "thx {PERSON:first}!!! 🙏🙏",
    "Sorry, typo — it's {EMAIL} not gmial",
    "can you ask {PERSON:ffirst} to call me, she has my number ({PHONE})",
    "it's {PERSON:ffirst}'s account, she passed away on {DATE} and I'm the executor",
    "Lol my grandpa is {AGE_OVER_89} and he's on tiktok now",
    "my ZIP is {POSTAL_CODE} but the app shows a different county",
    "born {DATE_OF_BIRTH} in Manila, passport {PASSPORT}",
    "Please verify: name {PERSON}, SSN {US_SSN}, phone {PHONE}",
    "Hi team, forwarding from {PERSON}:\n> I can't log in, my email is {EMAIL}\n> thanks",
    "We spoke on {DATE} and you said the refund would be done in 5 days",
    "On {DATE} I called and spoke with {PERSON:ffirst}, she said my claim was approved",
    "You can reach my case manager {PERSON} at {EMAIL} or {PHONE}.",
    "the claim # is CLM-2291-A and policy holder is {PERSON}",
    "@{PERSON:first} can you look at this one",
    "can you remove {PHONE} from my account, it's my ex's number",
    "Passport no. {PASSPORT} (expires {DATE})",
    "my DL # is {LICENSE_NUMBER}, state of CA",
    "Driver license {LICENSE_NUMBER} issued {DATE}",
    "international number: {PHONE:intl}, I'm in the UK until {DATE}",
    "WhatsApp me at {PHONE:intl}",
    "my indian number is {PHONE:in} and the US one is {PHONE:us}",
    "Contact: {PERSON:first} @ {PHONE}",
    "the date on the receipt is {DATE}, the charge posted {DATE}",
    "Per our conversation on {DATE}, I'm attaching the form.\nRegards,\n{PERSON}",
    "[{PERSON}] 10:14 AM: did u get the referral?",
    "ok my wife is {PERSON:ffirst}, i'm {PERSON:first}, we're both on the account, both need 2FA reset",
    "Hola, soy {PERSON} y mi número de pasaporte es {PASSPORT}",
    "Hey {PERSON:nick}!! long time lol. anyway can u resend the link, it's for {EMAIL}",
    "my employer ID is... no wait member id {HEALTH_PLAN_ID}",
    "i'm sending this from my husband's phone ({PHONE}), mine died",
    "{PERSON:first} — {PHONE}\n{PERSON:first} — {PHONE}",
    "name: {PERSON}\ndob: {DATE_OF_BIRTH}\naddr: {STREET_ADDRESS}\nzip: {POSTAL_CODE}\nphone: {PHONE:us}",
    "^L hi its {PERSON} again, the verification code never came to {PHONE:us}",
    "^U MY NAME IS {PERSON} AND I HAVE BEEN ON HOLD FOR 2 HOURS",
    "^U SEND IT TO {EMAIL} NOT THE OTHER ONE",
    "^U WHY IS MY SSN {US_SSN} SHOWING ON SOMEONE ELSE'S ACCOUNT",
    "^L my address is {STREET_ADDRESS} {POSTAL_CODE}, why does it say undeliverable",
    "^L dob {DATE_OF_BIRTH} name {PERSON}",
    "My name's {PERSON=Amber Hill}, I'm the one who called earlier about the Amber alert thing on the app",
    "{PERSON=Bill} said the bill would be waived?? can you check with him",
    "Dr. {PERSON=Rose} told me the Rose gold frames are covered by vision insurance lol",
    "{PERSON=Joy} from billing was so helpful, please pass that on",
    "my brother {PERSON=Chase} is on the account, not the bank lol",
    "Travel letter: {PERSON}, passport {PASSPORT}, travelling {DATE} to {DATE}",
    "my ex {PERSON:mfull} still has access to the account, remove him pls. his email {EMAIL}",
    "Sign-in alert: new login from {IP_ADDRESS} on {DATE}. Wasn't me!!",
    "is {PHONE:us} your real number or a scam? they knew my name ({PERSON})",
    "we're at {STREET_ADDRESS}, gate code {CREDENTIAL:pin}, come around the side",
    "grandma's {AGE_OVER_89} and needs the large-print statement mailed to {STREET_ADDRESS}, {POSTAL_CODE}",
    "Dr. {PERSON:last} ({NPI}) wants the records faxed, number is {PHONE:us}",
    "my wife's SSN is {US_SSN} and mine is {US_SSN}, we file jointly",
    "^L i need the form 1095 for {PERSON}, ssn {US_SSN}",
    "New member: {PERSON} ({EMAIL}), plan ID {HEALTH_PLAN_ID}, effective {DATE}",
    "sorry wrong chat 🙈 that was meant for {PERSON:first}",
    "my great-grandmother just turned {AGE_OVER_89}!! 🎂 can she still be added as a dependent?",
    "tried logging in from the library ({IP_ADDRESS}) and it asked for my pin, i put {CREDENTIAL:pin}",
    "Please confirm identity:\n- Full name: {PERSON}\n- DOB: {DATE_OF_BIRTH}\n- Last address: {STREET_ADDRESS}, {POSTAL_CODE}",
    "hi, {PERSON:first} from accounts payable here. Remit to {IBAN}, ref INV-2231",
    "ppl keep calling {PHONE} asking for {PERSON}, wrong number on your site?",
    "ok final answer: {CREDIT_CARD}, {CARD_EXPIRY}, {CARD_CVV}. thx",
    "hey, the bank asked for routing + acct: {ABA_ROUTING} {ACCOUNT_NUMBER}. is that enough for the refund?",
    "Checking acct {ACCOUNT_NUMBER}\nSavings acct {ACCOUNT_NUMBER}\nplease close the savings one",
    "my brokerage account number is {ACCOUNT_NUMBER} — why can't I see it in the app",
    "the ach return said R03, routing number {ABA_ROUTING}... is it wrong?",
    "pasport # {PASSPORT} , nationality: Nigerian, for the KYC",
    "renewed my passport, new number is {PASSPORT} (old one was {PASSPORT})",
    "the parental controls need the kid's tablet MAC: {MAC_ADDRESS}",
    "MAC {MAC_ADDRESS}\nIP {IP_ADDRESS:priv}\nthat's the printer",
    "session {UUID} crashed again, and again with {UUID}",
    "^L my vin is {VIN} and the app says invalid?",
    "selling the car to {PERSON}, vin {VIN}, how do I transfer the loan",
    "paystub shows acct ending... ok full: {ACCOUNT_NUMBER}, routing {ABA_ROUTING}",
    "ITIN holder here ({US_ITIN}) — do you need a W-7 copy",
    "The pharmacy tech {PERSON:ffull} said Dr. {PERSON:last}'s DEA {DEA_NUMBER} expired",
    "Hi,\n\nMy name is {PERSON} and I live at {STREET_ADDRESS}.\nMy phone: {PHONE}\n\nThanks",
]

# ---------------------------------------------------------------- frames: messages WITHOUT identifiers
NEG_FRAMES = [
    "Will the order ship today? It's #{ORDER}",
    "my tracking number is {TRACK} and it hasn't moved in 4 days",
    "Grace period for the payment is how long? 15 days?",
    "how do i mark as read all the notifications, there's like 200",
    "got an Amber alert on my phone during the video visit lol, sorry for dropping",
    "do you have the rose gold one in 128GB? the site says out of stock",
    "gift card number {LUHNFAIL16} isn't working at checkout",
    "app version {VERSION} crashes when I open the chat",
    "[{LOGTIME}] ERROR PaymentService: timeout after 30000ms (retry 3/3)",
    "the total was {PRICE} but I only ordered 2 items",
    "he's 5'11\" and 180 lbs if that matters for the dosage",
    "bp was 132/84 this morning, pulse 72",
    "I take 500mg twice a day, is that too much?",
    "my mom is {AGE_YOUNG} and still works full time haha",
    "can I come in at 3:45pm instead of 3:15?",
    "part number {PARTNO} — the replacement filter",
    "invoice {INVOICE} says net 30 but I was charged right away",
    "Main Street location or the one by the mall?",
    "The Park Avenue collection is back in stock?",
    "I'll be on Wall Street all day, can we do the call later",
    "reference code {REFCODE}",
    "Bill me later option is greyed out",
    "error 0x80070005 when installing the update",
    "we ordered 3 boxes of 24 count, got 2 boxes of 12",
    "Is the Chase card accepted? or only Visa/Mastercard",
    "it's 1200 sq ft, 3 bed 2 bath, just need a renters insurance quote",
    "temperature 38.6°C since this morning",
    "dose: 0.5 mL, lot number {LOT}",
    "the frame is 27.5 inch and I'm 5 ft 4, will it fit me",
    "^U HOW DO I CANCEL MY SUBSCRIPTION I'VE TRIED EVERYTHING",
    "i need to talk to a real person not a bot",
    "The jack that came with the car is broken lol, does roadside cover that?",
    "to be frank the service has been awful this month",
    "Hope you can help, the app keeps freezing on the payment screen",
    "Summer sale ends when? I saw 20% off",
    "my build is {VERSION} on Android 14, pixel 7",
    "ORDER {ORDER} / qty {QTY} / {PRICE}",
    "case {CASENUM} was closed without a fix",
    "the barcode under the box says {UPC}",
    "model no. {MODEL}, bought it last spring",
    "cholesterol 212, LDL 140, HDL 45 — is that bad?",
    "need 2 x 10mg and 1 x 5mg per day for 14 days",
    "transaction {TXN} failed, amount {PRICE}",
    "my credit score went from 640 to 712!!",
    "interest rate 6.75% APR, is that fixed or variable",
    "I paid 4 installments of {PRICE}, why is there still a balance",
    "Room 214, bed B — the nurse said to message here",
    "Olive oil and ginger ale are in the cart but not the sunflower seeds",
    "the Heather gray hoodie, size L",
    "daisy chain of adapters lol, the charger doesn't reach",
    "My package went to the wrong locker, locker 4B, and the pickup window closed",
    "Is there a Dawn dish soap 3-pack?",
    "Sue the courier? lol no I just want a refund",
    "pat dry the area and apply the cream twice daily, right?",
    "{LUHNFAIL16} is the reference on my bank statement, what is it",
    "the serial is {SERIAL} on the back of the router",
    "Error code: E-4021-7730",
    "coupon {COUPON} says expired",
    "uptime 14d 3h 22m, cpu 87%, mem 12.4GB/16GB",
    "2 PM or 4 PM, either works",
    "the box is 40 x 30 x 25 cm and weighs 12.5 kg",
    "Chapter 7 of the handbook says the grace period is 30 days",
    "pls mark as urgent!!!!",
    "ok thx",
    "you guys charged me the $4.99 fee again 🙄",
    "did the 1.2.3 release fix the login loop",
    "timestamp {EPOCH} in the header, is that seconds or ms",
    "[{LOGTIME}] INFO sync completed: 482 records in 3.2s",
    "HbA1c 7.2, fasting glucose 134",
    "the ring size is 7 and a half, Rose gold",
    "Virginia Beach store has it but not the local one",
    "is the shop on Sunset Blvd still open?",
    "We're near the corner of 5th and Pine, is that in the delivery zone",
    "the 101 was closed so the courier was late",
    "room 1203 at the clinic? or is it building 3",
    "I want 2 of the 4-pack, not 4 of the 2-pack",
    "steps: 10,432 today 💪",
    "price went from {PRICE} to {PRICE} overnight?",
    "my baby is {AGE_KID} months old, is the dose different",
    "ISBN 978-0-13-468599-1, the textbook, arrived with a torn cover",
    "flight UA 1432 lands at 6:05pm, I'll miss the appt",
    "gate B22, seat 14C, boarding in 10 min so quick q",
    "{SKU}, color: Ruby, size 8",
    "download speed 312.5 Mbps, upload 11.2 Mbps",
    "4 stars, would've been 5 if shipping was faster",
    "is the 128 GB or 256 GB better value",
    "^U WHERE IS MY REFUND. ORDER {ORDER}. IT'S BEEN 3 WEEKS",
    "the 'Will Call' pickup option isn't showing",
    "Patient Portal {VERSION} release notes mention a fix for the grace period bug",
    "CPT 99213 — was that billed correctly?",
    "ICD-10 J02.9 on the bill, what is that",
    "retry after 429 Too Many Requests, wait 60s",
    "paid with apple pay, receipt no. {RECEIPT}",
    "commit {HEXHASH} broke the checkout page",
    "PR #4821 broke the build",
    "use coupon code SPRING25 for 25% off!",
    "order ref {AMZORDER}",
    "Confirmation # {CONF}",
    "I have 3 prescriptions: 20mg, 40mg and the 0.1% cream",
    "call the 800 number on the back of the card? which one",
    "The Victoria line was down so I'm late, sorry",
    "Joy of Cooking arrived with water damage",
    "any faith-based plans? or just the standard ones",
    "Is iris scan login supported on this phone?",
    "wire fee {PRICE}, processed in 1-3 business days?",
    "sorry typo i meant 1500 not 15000",
    "loading... 99% ... stuck",
    "the microwave shows 12:00 blinking after the power outage",
    "I'll be 30 next week, does my premium go up?",
    "step 1: open app\nstep 2: tap Profile\nstep 3: it crashes",
    "cart total $1,249.99 minus 10% = ?",
    "we're 4 people in the household, income about 52k",
    "My package weighs 2.3 lb and the label said 23 lb 🙃",
    "Order #{ORDER} — 'Rose Gold' 14k hoop earrings x2",
    "product code {PHONELIKE} on the box doesn't match the website",
    "RMA {PHONELIKE} — they told me to ship it back",
    "your 1-800 line just hangs up on me",
    "the dosage chart says 2.5 mL for 24-35 lbs",
    "^L ok so i clicked mark all as read and now everything is gone",
    "Is Baker Street in the delivery zone? the map is confusing",
    "The gift card balance shows {PRICE} but I loaded $100",
    "grace period? penalty? what happens if I'm 3 days late",
    "Frank question: why is shipping more than the item",
    "I'll pick up at the Will Call window at 5",
    "can the Ruby red color be engraved?",
    "my heart rate is 110 resting and i feel dizzy",
    "the fridge model {MODEL} makes a clicking noise",
    "statement balance {PRICE}, minimum due {PRICE}",
    "tried reference {LUHNFAIL16} and the system says not found",
    "voucher {LUHNFAIL16} — expired or invalid?",
    "[{LOGTIME}] DEBUG cache miss key=user_pref ttl=3600",
    "our SLA is 99.95% uptime, you were down 4 hours",
    "he's 2 and weighs 28 lbs, can he take the chewables",
    "She's {AGE_YOUNG}, is she eligible for the wellness program?",
    "Mark as spam doesn't work on the app",
    "Will you price match? Target has it for less",
    "Dr appointments on Saturdays?",
    "order {ORDER}, item {SKU}, qty {QTY}",
    "my bp cuff reads 145/95 at night and 128/80 in the morning",
    "Apt complex has a mailroom, do drivers leave packages there?",
    "12 Days of Deals — is that still running?",
    "TRACKING: {TRACK}\nSTATUS: label created\nno movement since",
    "Hi, invoice {INVOICE} and invoice {INVOICE} are duplicates",
    "set the thermostat to 68 and it still says 74",
    "is the 2-in-1 or the 3-in-1 charger compatible with the 15 Pro",
    "Amber or clear bottles for the refill?",
    "dosage went from 25 mcg to 50 mcg, is that normal",
    "API returned 503 at {LOGTIME}, then 200 after retry",
    "my cart says 0 items but the badge says {QTY}",
]


# ---------------------------------------------------------------- rendering
PH_RE = re.compile(r"\{([A-Z][A-Z0-9_]*)(?::([A-Za-z0-9_]+))?(?:=([^}@]*))?(?:@(\w+))?\}")
SUFFIXES_DECOR = [" thx", " 🙏", "!!", " pls", " ty", "\n\nthanks", " 😅", "??", " asap", "\nthank you!", "."]


def apply_case(s, mode):
    if mode == "upper":
        return s.upper()
    if mode == "lower":
        return s.lower()
    return s


def render(frame, is_positive):
    mode = "normal"
    decorate = True
    if frame.startswith("^U "):
        mode, frame = "upper", frame[3:]
    elif frame.startswith("^L "):
        mode, frame = "lower", frame[3:]
    elif frame.startswith("^N "):
        decorate, frame = False, frame[3:]
    else:
        r = rng.random()
        mode = "lower" if r < 0.08 else ("upper" if r < 0.13 else "normal")

    refs = {}
    segs = []  # (text, type or None)
    pos = 0
    for m in PH_RE.finditer(frame):
        segs.append((frame[pos:m.start()], None))
        typ, var, lit, ref = m.groups()
        if typ in LABEL_TYPES:
            if lit is not None:
                val = lit
            elif ref and ref in refs:
                val = refs[ref]
            else:
                val = GENERATORS[typ](var)
            if ref:
                refs[ref] = val
            segs.append((val, typ))
        elif typ in FILLERS:
            segs.append((FILLERS[typ](), None))
        else:
            raise KeyError(f"unknown placeholder {typ} in {frame!r}")
        pos = m.end()
    segs.append((frame[pos:], None))
    if decorate and rng.random() < 0.12:
        segs.append((rng.choice(SUFFIXES_DECOR), None))

    text = ""
    spans = []
    for s, typ in segs:
        if typ is None:
            text += apply_case(s, mode)
        else:
            v = s if typ in CASE_PRESERVE else apply_case(s, mode)
            spans.append({"start": len(text), "end": len(text) + len(v), "type": typ})
            text += v
    return text, spans


# ---------------------------------------------------------------- validation
def validate(text, spans, is_positive):
    if is_positive:
        assert spans, text
    else:
        assert not spans, text
    prev_end = -1
    for sp in spans:
        s, e, t = sp["start"], sp["end"], sp["type"]
        val = text[s:e]
        assert s >= prev_end, ("overlap", text)
        prev_end = e
        assert val and val == val.strip(), (t, val)
        if t != "CREDENTIAL":
            assert val[-1] not in ".,;:!?)\"'" and val[0] not in ".,;:!?\"'" + ("" if t == "PHONE" else "("), (t, val)
        # not glued into an alphanumeric word (ages like "93yo" are allowed)
        if t != "AGE_OVER_89":
            assert s == 0 or not text[s - 1].isalnum(), (t, text)
            assert e == len(text) or not text[e].isalnum(), (t, text)
        digits = re.sub(r"\D", "", val)
        if t == "CREDIT_CARD":
            assert luhn.is_valid(digits) and 13 <= len(digits) <= 19, val
        elif t == "US_SSN":
            assert std_ssn.is_valid(val), val
        elif t == "US_ITIN":
            assert std_itin.is_valid(val), val
        elif t == "IBAN":
            assert std_iban.is_valid(val.upper()), val
        elif t == "ABA_ROUTING":
            assert std_rtn.is_valid(val), val
        elif t == "NPI":
            assert len(val) == 10 and luhn.is_valid("80840" + val), val
        elif t == "DEA_NUMBER":
            assert dea_valid(val.upper()), val
        elif t == "IMEI":
            assert std_imei.is_valid(val), val
        elif t == "VIN":
            assert vin_valid(val.upper()), val
        elif t == "CRYPTO_ADDRESS":
            assert bitcoin.is_valid(val), val
        elif t == "PHONE":
            ok = False
            for region in ["US"] + list(INTL) + ["CA"]:
                try:
                    if phonenumbers.is_possible_number(phonenumbers.parse(val, region)):
                        ok = True
                        break
                except phonenumbers.NumberParseException:
                    pass
            assert ok, val
        elif t == "UUID":
            uuid.UUID(val)
        elif t == "IP_ADDRESS":
            ipaddress.ip_address(val)
        elif t == "EMAIL":
            assert re.fullmatch(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", val), val
        elif t == "AGE_OVER_89":
            assert val.isdigit() and int(val) >= 90, val
        elif t == "MAC_ADDRESS":
            assert len(re.sub(r"[^0-9A-Fa-f]", "", val)) == 12, val


def main():
    assert len(POS_FRAMES) == len(set(POS_FRAMES)), "duplicate positive frames"
    assert len(NEG_FRAMES) == len(set(NEG_FRAMES)), "duplicate negative frames"
    n_pos, n_neg = 450, 150
    pos_plan = list(POS_FRAMES)
    rare = ("DEA_NUMBER", "US_ITIN", "MAC_ADDRESS", "CRYPTO_ADDRESS", "PASSPORT", "ABA_ROUTING", "LICENSE_NUMBER",
            "UUID", "CARD_CVV", "URL", "ACCOUNT_NUMBER", "IMEI", "IBAN", "CARD_EXPIRY", "HEALTH_PLAN_ID", "NPI")
    rare_frames = [f for f in POS_FRAMES if any("{" + t in f for t in rare)]
    while len(pos_plan) < n_pos:
        pool = rare_frames if rng.random() < 0.5 else POS_FRAMES
        pos_plan.append(rng.choice(pool))
    pos_plan = pos_plan[:n_pos]
    neg_plan = list(NEG_FRAMES)
    while len(neg_plan) < n_neg:
        neg_plan.append(rng.choice(NEG_FRAMES))
    neg_plan = neg_plan[:n_neg]
    plan = [(f, True) for f in pos_plan] + [(f, False) for f in neg_plan]
    rng.shuffle(plan)

    records = []
    seen = set()
    for frame, is_pos in plan:
        for _ in range(20):
            text, spans = render(frame, is_pos)
            if text not in seen:
                break
        seen.add(text)
        validate(text, spans, is_pos)
        records.append({"id": len(records) + 1, "text": text, "spans": spans})

    with open(OUT, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")

    # summary
    from collections import Counter
    c = Counter(sp["type"] for r in records for sp in r["spans"])
    print(f"wrote {len(records)} messages to {OUT}")
    print(f"positive frames: {len(POS_FRAMES)}, negative frames: {len(NEG_FRAMES)}")
    print(f"messages without spans: {sum(1 for r in records if not r['spans'])}")
    for t in sorted(LABEL_TYPES):
        print(f"  {t:24s} {c.get(t, 0)}")
    print(f"  total spans {sum(c.values())}")


if __name__ == "__main__":
    import sys
    if "--out" in sys.argv:
        OUT = sys.argv[sys.argv.index("--out") + 1]
    main()
