#!/usr/bin/env python3
"""Generates the redaction evaluation corpus: chat-style messages with checksum-valid identifiers, realistic noise and
hard negatives, labelled with code-point spans.

    make_corpus.py --out corpus.jsonl [--count 4000] [--seed 20261121]

Each line: {"id": n, "text": "...", "spans": [{"start": s, "end": e, "type": "CREDIT_CARD"}, ...]}.
Every identifier is checked with an independent library before it is used (python-stdnum for Luhn, IBAN, SSN,
ITIN, ABA, NHS, SIN, IMEI and Bitcoin; phonenumbers for phone numbers), so the corpus does not inherit our own
validators' mistakes. Names come from Faker (SSA-derived), not from the census lists the scanner uses.
Deterministic for a seed and the pinned Faker version.
"""
import argparse, datetime, hashlib, json, random, string, uuid

import phonenumbers
from faker import Faker
from stdnum import luhn, iban as std_iban, imei as std_imei, bitcoin as std_bitcoin
from stdnum.us import ssn as std_ssn, itin as std_itin, rtn as std_rtn
from stdnum.gb import nhs as std_nhs
from stdnum.ca import sin as std_sin

R = random.Random()
F = Faker("en_US")


class Msg:
    """A message under construction: text pieces with spans."""
    def __init__(self):
        self.parts, self.spans, self.length = [], [], 0

    def add(self, text, label=None):
        if label:
            self.spans.append({"start": self.length, "end": self.length + len(text), "type": label})
        self.parts.append(text)
        self.length += len(text)
        return self

    def text(self):
        return "".join(self.parts)

    def shout_or_whisper(self, mode):
        """Lower- or upper-cases the unlabelled text (chat users do both); identifiers stay as written."""
        labelled = {(s["start"], s["end"]) for s in self.spans}
        out, at = [], 0
        for part in self.parts:
            span = (at, at + len(part))
            out.append(part if span in labelled else (part.lower() if mode == "lower" else part.upper()))
            at += len(part)
        self.parts = out


# ---- identifiers --------------------------------------------------------------------------------------------------
def luhn_complete(prefix, length):
    body = prefix + "".join(R.choice(string.digits) for _ in range(length - len(prefix) - 1))
    number = body + luhn.calc_check_digit(body)
    assert luhn.is_valid(number)
    return number


CARD_PREFIXES = [("4", 16), ("4", 16), ("4", 16), ("4", 13), ("4", 19), ("51", 16), ("53", 16), ("55", 16),
                 ("2221", 16), ("2500", 16), ("2720", 16), ("34", 15), ("37", 15), ("6011", 16), ("65", 16),
                 ("644", 16), ("3530", 16), ("3589", 16), ("36", 14), ("300", 14), ("62", 16), ("62", 19),
                 ("6759", 12), ("5018", 12), ("6304", 16), ("6011", 19)]


def group_card(number, style):
    n = len(number)
    if style == "compact":
        return number
    if n == 15:
        groups = [number[:4], number[4:10], number[10:]]
    elif n == 14:
        groups = [number[:4], number[4:10], number[10:]]
    else:
        groups = [number[i:i + 4] for i in range(0, n, 4)]
    sep = {"space": " ", "dash": "-", "dot": "."}[style]
    return sep.join(groups)


def card():
    prefix, length = R.choice(CARD_PREFIXES)
    number = luhn_complete(prefix, length)
    r = R.random()
    if r < 0.08:
        return " ".join(number)                               # spaced digits
    if r < 0.13:
        return "".join(chr(0xFF10 + int(c)) for c in group_card(number, "space").replace(" ", ""))  # full-width
    if r < 0.17:
        g = group_card(number, "space").split(" ")
        return "\u200b".join(g)                                # zero-width spaces between groups
    return group_card(number, R.choice(["space", "space", "dash", "compact", "compact", "dot"]))


def bad_card():
    # 16 digits that fail Luhn.
    number = luhn_complete(R.choice(["4", "5", "6"]), 16)
    last = (int(number[-1]) + R.randint(1, 9)) % 10
    number = number[:-1] + str(last)
    assert not luhn.is_valid(number)
    return group_card(number, R.choice(["space", "compact", "dash"]))


def ssn():
    while True:
        s = f"{R.randint(1, 899):03d}{R.randint(1, 99):02d}{R.randint(1, 9999):04d}"
        if std_ssn.is_valid(s):
            return s


def itin():
    while True:
        s = f"9{R.randint(0, 99):02d}{R.choice(list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))):02d}{R.randint(0, 9999):04d}"
        if std_itin.is_valid(s):
            return s


def fmt_ssn(s, style):
    if style == "dash":
        return f"{s[:3]}-{s[3:5]}-{s[5:]}"
    if style == "space":
        return f"{s[:3]} {s[3:5]} {s[5:]}"
    return s


IBAN_SPECS = {"DE": 22, "GB": 22, "FR": 27, "ES": 24, "NL": 18, "IT": 27, "BE": 16, "CH": 21, "PL": 28, "IE": 22}


def iban():
    country = R.choice(list(IBAN_SPECS))
    length = IBAN_SPECS[country]
    while True:
        if country in ("GB", "NL", "IE"):
            bban = "".join(R.choice(string.ascii_uppercase) for _ in range(4)) + "".join(R.choice(string.digits) for _ in range(length - 8))
        elif country == "IT":
            bban = R.choice(string.ascii_uppercase) + "".join(R.choice(string.digits) for _ in range(length - 5))
        else:
            bban = "".join(R.choice(string.digits) for _ in range(length - 4))
        check = 98 - int("".join(str(int(c, 36)) for c in bban + country + "00")) % 97
        value = f"{country}{check:02d}{bban}"
        if std_iban.is_valid(value):
            break
    if R.random() < 0.6:
        return " ".join(value[i:i + 4] for i in range(0, len(value), 4))
    return value


def aba():
    while True:
        prefix = R.choice(["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "26", "31", "32"])
        body = prefix + "".join(R.choice(string.digits) for _ in range(6))
        for d in string.digits:
            if std_rtn.is_valid(body + d):
                return body + d


def npi():
    body = R.choice("12") + "".join(R.choice(string.digits) for _ in range(8))
    check = luhn.calc_check_digit("80840" + body)
    value = body + check
    assert luhn.is_valid("80840" + value)
    return value


def dea():
    first = R.choice("ABFGMPR")
    second = R.choice(string.ascii_uppercase)
    d = [R.randint(0, 9) for _ in range(6)]
    check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10
    return first + second + "".join(map(str, d)) + str(check)


def nhs():
    while True:
        body = "".join(R.choice(string.digits) for _ in range(9))
        for d in string.digits:
            if std_nhs.is_valid(body + d):
                v = body + d
                return f"{v[:3]} {v[3:6]} {v[6:]}" if R.random() < 0.7 else v


def sin():
    while True:
        v = luhn_complete(R.choice("1234567"), 9)
        if std_sin.is_valid(v):
            return f"{v[:3]} {v[3:6]} {v[6:]}" if R.random() < 0.6 else v


def imei():
    v = luhn_complete(R.choice(["35", "86", "01", "99", "49"]), 15)
    assert std_imei.is_valid(v)
    return v


VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
VIN_VALUES = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ", [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]))
VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin():
    while True:
        chars = [R.choice(VIN_CHARS) for _ in range(17)]
        total = sum((int(c) if c.isdigit() else VIN_VALUES[c]) * w for c, w in zip(chars, VIN_WEIGHTS))
        chars[8] = "X" if total % 11 == 10 else str(total % 11)
        v = "".join(chars)
        if any(c.isdigit() for c in v) and any(c.isalpha() for c in v):
            return v


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def base58check(payload):
    data = payload + hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


BECH = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def bech32_polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1ffffff) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def segwit(program):
    hrp = "bc"
    bits = []
    acc, nbits = 0, 0
    for b in program:
        acc = (acc << 8) | b
        nbits += 8
        while nbits >= 5:
            nbits -= 5
            bits.append((acc >> nbits) & 31)
    if nbits:
        bits.append((acc << (5 - nbits)) & 31)
    data = [0] + bits
    values = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp] + data
    polymod = bech32_polymod(values + [0] * 6) ^ 1
    checksum = [(polymod >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH[d] for d in data + checksum)


def crypto():
    r = R.random()
    if r < 0.45:
        v = base58check(bytes([R.choice([0, 5])]) + R.randbytes(20))
    elif r < 0.75:
        v = segwit(R.randbytes(20))
    else:
        return "0x" + R.randbytes(20).hex()
    assert std_bitcoin.is_valid(v), v
    return v


PHONE_REGIONS = ["GB", "DE", "FR", "IN", "AU", "JP", "BR", "MX", "ES", "IT", "NL", "SE", "ZA", "SG", "IE", "NZ"]
AREA_CODES = ["212", "415", "312", "617", "206", "305", "512", "646", "718", "773", "214", "303", "404", "503", "602", "702", "801", "919"]


def phone():
    r = R.random()
    if r < 0.6:
        area = R.choice(AREA_CODES)
        exch = str(R.randint(200, 999))
        line = f"{R.randint(0, 9999):04d}"
        number = phonenumbers.parse(f"+1{area}{exch}{line}")
        assert phonenumbers.is_possible_number(number)
        style = R.choice(["paren", "dash", "dot", "space", "plus", "paren", "dash", "one"])
        return {"paren": f"({area}) {exch}-{line}", "dash": f"{area}-{exch}-{line}", "dot": f"{area}.{exch}.{line}",
                "space": f"{area} {exch} {line}", "plus": f"+1 {area} {exch} {line}", "one": f"1-{area}-{exch}-{line}"}[style]
    region = R.choice(PHONE_REGIONS)
    kind = R.choice([phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE])
    example = phonenumbers.example_number_for_type(region, kind) or phonenumbers.example_number(region)
    # Vary the example's last digits, keeping it a possible number.
    national = str(example.national_number)
    for _ in range(10):
        tail = "".join(R.choice(string.digits) for _ in range(3))
        candidate = phonenumbers.parse(f"+{example.country_code}{national[:-3]}{tail}")
        if phonenumbers.is_possible_number(candidate):
            example = candidate
            break
    fmt = R.choice([phonenumbers.PhoneNumberFormat.INTERNATIONAL, phonenumbers.PhoneNumberFormat.E164])
    return phonenumbers.format_number(example, fmt)


def email():
    r = R.random()
    if r < 0.55:
        return F.email()
    if r < 0.8:
        return F.company_email()
    return f"{F.first_name().lower()}.{F.last_name().lower()}{R.randint(1, 99)}@{F.free_email_domain()}"


def obfuscated_email():
    user, domain = F.first_name().lower(), F.free_email_domain()
    name, tld = domain.rsplit(".", 1)
    return R.choice([f"{user} at {name} dot {tld}", f"{user}[at]{name}[dot]{tld}", f"{user} (at) {name} (dot) {tld}",
                     f"{user} [at] {name} [dot] {tld}"])


def person(style=None):
    style = style or R.choice(["full", "full", "full", "first", "lower", "middle"])
    first, last = F.first_name(), F.last_name()
    if style == "full":
        return f"{first} {last}"
    if style == "first":
        return first
    if style == "lower":
        return f"{first} {last}".lower()
    return f"{first} {R.choice(string.ascii_uppercase)}. {last}"


def date_text():
    d = F.date_between_dates(datetime.date(1935, 1, 1), datetime.date(2026, 12, 31))
    style = R.choice(["us", "us", "iso", "long", "short", "eu", "dayfirst", "us2"])
    return {"us": d.strftime("%m/%d/%Y"), "iso": d.strftime("%Y-%m-%d"), "long": d.strftime("%B %-d, %Y"),
            "short": d.strftime("%b %-d"), "eu": d.strftime("%d.%m.%Y"), "dayfirst": d.strftime("%-d %B %Y"),
            "us2": d.strftime("%-m/%-d/%y")}[style]


def street():
    return F.street_address()


STATES = ["NY", "CA", "TX", "IL", "MA", "WA", "FL", "GA", "OH", "PA"]


def alnum(n_letters, n_digits):
    return "".join(R.choice(string.ascii_uppercase) for _ in range(n_letters)) + "".join(R.choice(string.digits) for _ in range(n_digits))


def aws_key():
    return "AKIA" + "".join(R.choice(string.ascii_uppercase + string.digits) for _ in range(16))


def token_of(chars, n):
    return "".join(R.choice(chars) for _ in range(n))


def credential():
    r = R.random()
    alnum_chars = string.ascii_letters + string.digits
    if r < 0.2:
        return aws_key()
    if r < 0.35:
        return "ghp_" + token_of(alnum_chars, 36)
    if r < 0.5:
        return "sk_live_" + token_of(alnum_chars, 24)
    if r < 0.6:
        return "xoxb-" + token_of(string.digits, 11) + "-" + token_of(string.digits, 12) + "-" + token_of(alnum_chars, 24)
    if r < 0.7:
        return "AIza" + token_of(alnum_chars + "-_", 35)
    if r < 0.8:
        import base64
        head = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').decode().rstrip("=")
        body = base64.urlsafe_b64encode(json.dumps({"sub": str(R.randint(1000, 99999)), "iat": R.randint(1600000000, 1800000000)}).encode()).decode().rstrip("=")
        return f"{head}.{body}.{token_of(alnum_chars + '-_', 43)}"
    return token_of(alnum_chars, R.randint(28, 40))


def password():
    words = ["Sunshine", "Dragon", "Monkey", "Tiger", "Falcon", "Winter", "Summer", "Purple"]
    return R.choice(words) + str(R.randint(10, 9999)) + R.choice("!@#$%&*")


# ---- message templates ---------------------------------------------------------------------------------------------
OPENERS = ["", "", "", "hey, ", "Hi! ", "ok so ", "fyi ", "Quick q - ", "Hello team, ", "ugh. ", "Sorry for the delay. ", "lol ", "Update: "]
CLOSERS = ["", "", "", " thanks!", " thx", " 🙏", " asap pls", " :)", ". Let me know.", "!!", " - sent from my phone", " ty"]


def positive(kind):
    m = Msg()
    m.add(R.choice(OPENERS))
    if kind == "card":
        c = card()
        m.add(R.choice(["my card is ", "card number: ", "use ", "Card ", "charge it to ", "cc# ", "pls update to ", "card#", "(card: ", "new card -> "])).add(c, "CREDIT_CARD")
        r = R.random()
        if r < 0.35:
            exp = f"{R.randint(1, 12):02d}/{R.randint(26, 31)}"
            m.add(R.choice([" exp ", " expires ", " exp: ", " "])).add(exp, "CARD_EXPIRY")
            if R.random() < 0.6:
                m.add(R.choice([" cvv ", " CVC: ", " security code ", " "])).add(str(R.randint(100, 999)), "CARD_CVV")
        elif r < 0.5:
            m.add(R.choice([" cvv ", " and the CVV is ", " cvc "])).add(str(R.randint(100, 9999) if c[0] == "3" else R.randint(100, 999)), "CARD_CVV")
    elif kind == "ssn":
        s = ssn()
        style = R.choice(["dash", "dash", "dash", "space", "bare"])
        m.add(R.choice(["SSN ", "my ssn is ", "social security number: ", "SS# ", "ssn: "]) if style == "bare" or R.random() < 0.7 else R.choice(["here it is ", "it's "]))
        m.add(fmt_ssn(s, style), "US_SSN")
    elif kind == "itin":
        m.add(R.choice(["ITIN ", "my itin is ", "taxpayer id: "])).add(fmt_ssn(itin(), R.choice(["dash", "dash", "bare"])), "US_ITIN")
    elif kind == "email":
        if R.random() < 0.2:
            m.add(R.choice(["email me at ", "reach me: ", "my email is "])).add(obfuscated_email(), "EMAIL")
        else:
            m.add(R.choice(["email me at ", "send it to ", "my email is ", "cc ", "contact: ", ""])).add(email(), "EMAIL")
    elif kind == "phone":
        m.add(R.choice(["call me at ", "my number is ", "text ", "cell: ", "phone ", "reach me on ", "fax: ", "whatsapp ", "", "or ", "tel:"])).add(phone(), "PHONE")
        if R.random() < 0.1:
            m.add(R.choice([" ext. ", " x", " ext "]) + str(R.randint(10, 9999)))
    elif kind == "iban":
        m.add(R.choice(["IBAN: ", "please wire to ", "my iban is ", "account IBAN "])).add(iban(), "IBAN")
    elif kind == "aba":
        m.add(R.choice(["routing number ", "ABA ", "routing: ", "the routing # is "])).add(aba(), "ABA_ROUTING")
        if R.random() < 0.5:
            m.add(R.choice([" account ", " acct "])).add(str(R.randint(10 ** 7, 10 ** 12)), "ACCOUNT_NUMBER")
    elif kind == "npi":
        m.add(R.choice(["NPI ", "provider NPI: ", "Dr. office NPI number is "])).add(npi(), "NPI")
    elif kind == "dea":
        m.add(R.choice(["DEA ", "DEA#: ", "prescriber DEA number ", ""])).add(dea(), "DEA_NUMBER")
    elif kind == "nhs":
        m.add(R.choice(["NHS number ", "my NHS no is ", "NHS: "])).add(nhs(), "UK_NHS")
    elif kind == "sin":
        m.add(R.choice(["SIN ", "my social insurance number is ", "SIN: "])).add(sin(), "CA_SIN")
    elif kind == "mrn":
        v = R.choice([str(R.randint(10 ** 5, 10 ** 8)), alnum(2, 6), f"{alnum(1, 3)}-{R.randint(10000, 99999)}"])
        m.add(R.choice(["MRN ", "MRN: ", "medical record number ", "patient id ", "chart # "])).add(v, "MEDICAL_RECORD_NUMBER")
    elif kind == "plan":
        v = R.choice([alnum(3, 9), str(R.randint(10 ** 8, 10 ** 11)), f"{alnum(1, 2)}{R.randint(1000000, 9999999)}"])
        m.add(R.choice(["member id ", "Member ID: ", "policy number ", "insurance id ", "subscriber id "])).add(v, "HEALTH_PLAN_ID")
    elif kind == "account":
        v = R.choice([str(R.randint(10 ** 7, 10 ** 12)), f"{R.randint(1000, 9999)}-{R.randint(1000, 9999)}-{R.randint(1000, 9999)}"])
        m.add(R.choice(["account number ", "acct # ", "my account is ", "bank account "])).add(v, "ACCOUNT_NUMBER")
    elif kind == "license":
        v = R.choice([alnum(1, 7), alnum(1, 12), str(R.randint(10 ** 7, 10 ** 9)), f"{R.randint(10, 99)}-{R.randint(100000, 999999)}"])
        m.add(R.choice(["driver's license ", "DL# ", "license number ", "my licence no. is ", "medical license "])).add(v, "LICENSE_NUMBER")
    elif kind == "passport":
        v = R.choice([str(R.randint(10 ** 8, 10 ** 9 - 1)), alnum(1, 8), alnum(2, 7)])
        m.add(R.choice(["passport number ", "passport no. ", "my passport is "])).add(v, "PASSPORT")
    elif kind == "plate":
        v = R.choice([f"{R.randint(1, 9)}{alnum(3, 3)}", f"{alnum(3, 4)}", f"{alnum(2, 2)}{R.randint(100, 999)}"])
        m.add(R.choice(["plate ", "license plate ", "plate number "])).add(v, "LICENSE_PLATE")
    elif kind == "date":
        m.add(R.choice(["appointment on ", "see you ", "scheduled for ", "last visit was ", "surgery date "])).add(date_text(), "DATE")
    elif kind == "dob":
        m.add(R.choice(["DOB ", "DOB: ", "date of birth ", "born ", "born on ", "my birthday is "])).add(date_text(), "DATE_OF_BIRTH")
    elif kind == "age":
        a = R.randint(90, 104)
        r = R.random()
        if r < 0.4:
            m.add(R.choice(["she is ", "patient is ", "grandpa's "])).add(str(a), "AGE_OVER_89").add(R.choice([" years old", " yrs old", " y/o"]))
        elif r < 0.7:
            m.add(R.choice(["age ", "aged ", "Age: "])).add(str(a), "AGE_OVER_89")
        else:
            m.add("pt is a ").add(f"{a}", "AGE_OVER_89").add(R.choice(["-year-old", " year old"]) + " female")
    elif kind == "address":
        m.add(R.choice(["I live at ", "ship to ", "address: ", "deliver to ", "we moved to "])).add(street(), "STREET_ADDRESS")
        if R.random() < 0.6:
            m.add(", " + F.city() + ", ").add(R.choice(STATES) + " ").add(F.zipcode(), "POSTAL_CODE")
    elif kind == "zip":
        m.add(R.choice(["zip ", "zip code ", "postal code: "])).add(F.zipcode(), "POSTAL_CODE")
    elif kind == "ukpost":
        m.add(R.choice(["postcode ", "my postcode is ", "it's in "])).add(R.choice(["SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "LS1 4AP"]), "POSTAL_CODE")
    elif kind == "person":
        ctx = R.random()
        if ctx < 0.25:
            m.add(R.choice(["my name is ", "I'm ", "this is ", "patient: ", "Patient name: "])).add(person(), "PERSON")
        elif ctx < 0.45:
            m.add(R.choice(["Dr. ", "Mr. ", "Mrs. ", "Ms. ", "dr "])).add(F.last_name(), "PERSON")
        elif ctx < 0.65:
            m.add(R.choice(["talked to ", "ask ", "thanks ", "hi ", "cc "])).add(person(R.choice(["full", "first", "first", "lower"])), "PERSON")
        elif ctx < 0.85:
            m.add(person("full"), "PERSON").add(R.choice([" will call you back", " said the results are in", " is out today", " approved it"]))
        else:
            first = F.first_name()
            m.add(first, "PERSON").add(R.choice([", can you call me?", " - are you coming?", ": meds are ready", ", your order shipped"]))
    elif kind == "ip":
        m.add(R.choice(["server ip ", "login from ", "my IP is ", "blocked "])).add(F.ipv4() if R.random() < 0.7 else F.ipv6(), "IP_ADDRESS")
    elif kind == "url":
        u = R.choice([F.url() + F.uri_path(), F.url(), "www." + F.domain_name() + "/" + F.uri_path(), F.domain_name() + "/" + F.slug(), F.uri()])
        m.add(R.choice(["see ", "link: ", "check out ", "portal at ", ""])).add(u, "URL")
    elif kind == "mac":
        m.add(R.choice(["device mac ", "MAC address ", "whitelist "])).add(F.mac_address() if R.random() < 0.8 else F.mac_address().replace(":", "-").upper(), "MAC_ADDRESS")
    elif kind == "imei":
        m.add(R.choice(["IMEI ", "imei: ", "my phone's IMEI is "])).add(imei(), "IMEI")
    elif kind == "device":
        m.add(R.choice(["serial number ", "S/N ", "device id ", "pump serial "])).add(R.choice([alnum(2, 8), alnum(3, 6) + alnum(1, 0), str(R.randint(10 ** 6, 10 ** 10))]), "DEVICE_ID")
    elif kind == "vin":
        m.add(R.choice(["VIN ", "vin: ", "car's VIN is ", ""])).add(vin(), "VIN")
    elif kind == "uuid":
        m.add(R.choice(["request id ", "user ", "ref "])).add(str(uuid.UUID(int=R.getrandbits(128), version=4)), "UUID")
    elif kind == "crypto":
        m.add(R.choice(["send btc to ", "wallet: ", "my address ", "pay to "])).add(crypto(), "CRYPTO_ADDRESS")
    elif kind == "credential":
        r = R.random()
        if r < 0.35:
            m.add(R.choice(["password: ", "my password is ", "pwd=", "pass: ", "the wifi password is "])).add(password(), "CREDENTIAL")
        elif r < 0.45:
            m.add(R.choice(["PIN ", "my pin is ", "pin: "])).add(str(R.randint(1000, 999999)), "CREDENTIAL")
        else:
            m.add(R.choice(["api key ", "token: ", "use ", "key=", "oops pasted my key "])).add(credential(), "CREDENTIAL")
    m.add(R.choice(CLOSERS))
    return m


def negative():
    """Hard negatives: look like identifiers, are not."""
    r = R.choice(range(33))
    d = lambda n: "".join(R.choice(string.digits) for _ in range(n))
    texts = [
        f"Order #{R.randint(10 ** 8, 10 ** 9)} shipped",
        f"tracking 1Z{alnum(6, 0)}{d(10)}",
        f"ref {bad_card()} (that's the invoice ref, not a card)",
        f"upgraded to v{R.randint(1, 20)}.{R.randint(0, 30)}.{R.randint(0, 99)} yesterday",
        f"build {R.randint(1, 20)}.{R.randint(0, 9)}.{R.randint(1000, 30000)}.{R.randint(100, 999)}.{R.randint(1, 9)}",
        f"log at {F.date_time_between_dates(datetime.datetime(2015, 1, 1), datetime.datetime(2026, 1, 1)).strftime('%Y-%m-%dT%H:%M:%SZ')} shows the retry",
        f"job ran {F.date_time_between_dates(datetime.datetime(2015, 1, 1), datetime.datetime(2026, 1, 1)).strftime('%Y-%m-%d %H:%M:%S')} ok",
        f"it costs ${R.randint(1, 9)},{d(3)}.{d(2)} total",
        f"only €{R.randint(5, 500)}.{d(2)} with the coupon",
        f"meeting at {R.randint(1, 12)}:{R.choice(['00', '15', '30', '45'])} in room {R.randint(100, 999)}",
        f"take {R.randint(1, 3)} x {R.choice([250, 500, 50])}mg twice a day",
        f"ticket #{R.randint(10000, 99999)} is closed",
        f"commit {R.randbytes(20).hex()} fixed it",
        f"see report_final_{R.randint(1, 9)}.pdf and main.py",
        f"we scored {R.randint(0, 5)}-{R.randint(0, 5)} lol",
        f"open 24/7, {R.randint(10, 90)}% off",
        f"{R.randint(2, 20)} min away, {R.randint(1, 9)}/{R.randint(2, 9)} of the way there",
        f"batch {d(16)} failed checksum",
        f"I walked {R.randint(10000, 30000)} steps today",
        f"the {R.choice(['Will', 'May', 'Grace', 'Hope', 'Bill'])} of the people, {R.choice(['Summer', 'Winter'])} is coming",
        f"call back in {R.randint(2, 59)} minutes please",
        f"Version {R.randint(1, 9)}.{R.randint(0, 9)} released on the store, build {d(6)}",
        f"ISBN 978-{R.randint(0, 9)}-{d(2)}-{d(6)}-{R.randint(0, 9)} is the textbook",
        f"coords {R.uniform(-80, 80):.4f}, {R.uniform(-170, 170):.4f}",
        f"population {R.randint(1, 9)},{d(3)},{d(3)} last census",
        f"{R.choice(['Will do', 'Hope you are well', 'Grace period ends friday', 'Bill me later', 'Mark it as done', 'Frank feedback appreciated', 'May I ask something', 'Joy!!', 'Faith in the process', 'Chase bank app is down', 'Amber alert on my phone', 'Rose gold or silver?', 'Summer hours start Monday', 'Dawn dish soap works'])}",
        f"add {R.randint(1, 4)}/{R.choice([2, 3, 4])} cup sugar and bake at {R.choice([350, 375, 400])}",
        f"SKU {d(13)} is out of stock",
        f"the score was {R.randint(60, 99)}/{100} and rank {R.randint(1, 500)}",
        f"room {R.randint(100, 999)}, floor {R.randint(1, 30)}, gate B{R.randint(1, 60)}",
        f"{R.randint(1, 12)}:{R.randint(10, 59)} pm works, or {R.randint(1, 12)}:{R.randint(10, 59)}",
        f"error code 0x{R.randbytes(4).hex()} when syncing",
        f"case {R.randint(10 ** 6, 10 ** 7)} escalated",
    ]
    m = Msg().add(R.choice(OPENERS)).add(texts[r]).add(R.choice(CLOSERS))
    return m


CHATTER = ["can you check on this", "running late, be there soon", "did the refill go through?", "thanks for the help today",
           "the app keeps crashing when I open chat", "is the clinic open on Saturday", "please resend the form",
           "sounds good 👍", "what time works for you?", "I'll bring the documents tomorrow", "haha yes", "ok",
           "My appointment got moved again", "Can someone from billing call me", "Great news, results look normal!"]

KINDS = {"card": 10, "ssn": 6, "itin": 2, "email": 8, "phone": 10, "iban": 4, "aba": 3, "npi": 2, "dea": 2, "nhs": 2,
         "sin": 1, "mrn": 4, "plan": 3, "account": 3, "license": 3, "passport": 2, "plate": 1, "date": 5, "dob": 5,
         "age": 2, "address": 5, "zip": 1, "ukpost": 1, "person": 12, "ip": 3, "url": 4, "mac": 2, "imei": 2, "device": 2,
         "vin": 2, "uuid": 2, "crypto": 2, "credential": 5}


def message():
    m = base_message()
    r = R.random()
    if r < 0.12:
        m.shout_or_whisper("lower")
    elif r < 0.15:
        m.shout_or_whisper("upper")
    return m


def base_message():
    r = R.random()
    if r < 0.22:
        return negative()
    if r < 0.30:
        return Msg().add(R.choice(CHATTER))
    kinds = list(KINDS)
    weights = [KINDS[k] for k in kinds]
    m = positive(R.choices(kinds, weights)[0])
    if R.random() < 0.25:
        # Two identifiers in one message.
        second = positive(R.choices(kinds, weights)[0])
        offset = m.length + 2
        m.add(". ")
        for s in second.spans:
            m.spans.append({"start": s["start"] + offset, "end": s["end"] + offset, "type": s["type"]})
        m.parts.extend(second.parts)
        m.length += len(second.text())
    return m


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=20261121)
    args = parser.parse_args()
    R.seed(args.seed)
    Faker.seed(args.seed)
    with open(args.out, "w", encoding="utf-8") as f:
        for i in range(args.count):
            m = message()
            text = m.text()
            for s in m.spans:
                assert text[s["start"]:s["end"]].strip() == text[s["start"]:s["end"]], (text, s)
            f.write(json.dumps({"id": i, "text": text, "spans": m.spans}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
