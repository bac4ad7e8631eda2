#!/usr/bin/env python3
"""Build an independent held-out evaluation set of chat messages with
labelled PII/PHI/PCI spans (heldout2.jsonl).

Deterministic: a fixed seed drives every random choice.

    python make_heldout2.py [--out PATH] [--seed N]

Every line: {"id": n, "text": ..., "spans": [{"start", "end", "type"}]}
with Python code-point offsets.  All spans are checked on write
(text[start:end] equals the generated value, no surrounding whitespace or
punctuation, no overlaps, type-specific validity checks with python-stdnum /
phonenumbers).

Written for ChatSecurity by a second independent agent that had seen neither the scanner nor the other corpora;
its first evaluation (after the detectors had been tuned on the first held-out set, before any change for this one)
is recorded in docs/redaction.md.
"""
import argparse
import datetime
import hashlib
import ipaddress
import json
import os
import random
import re
import sys
import unicodedata
import uuid

import phonenumbers
from stdnum import bitcoin as std_btc
from stdnum import iban as std_iban
from stdnum import imei as std_imei
from stdnum import luhn
from stdnum.us import itin as std_itin
from stdnum.us import rtn as std_rtn
from stdnum.us import ssn as std_ssn

SEED = 20250611
N_TOTAL = 500
N_NEGATIVE = 130

DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = "abcdefghijklmnopqrstuvwxyz"
ALNUM = UPPER + LOWER + DIGITS


def fold(s):
    """ASCII-fold a name (for e-mail local parts, slugs, DEA letters)."""
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    return s


def rd(R, n, alphabet=DIGITS):
    return "".join(R.choice(alphabet) for _ in range(n))


def wchoice(R, pairs):
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return R.choices(items, weights=weights, k=1)[0]


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------
CULTURES = {
    "anglo": dict(
        first=["Emily", "Jake", "Tyler", "Brittany", "Megan", "Christopher", "Kayla", "Marcus",
               "Linda", "Heather", "Dustin", "Courtney", "Bradley", "Shannon", "Kevin",
               "Elizabeth", "Robert", "Katherine", "Rebecca", "Theodore", "Michael",
               "Margaret", "Jennifer", "Daniel", "Gary", "Donna"],
        last=["Smith", "Johnson", "Miller", "Thompson", "Walker", "Baker", "Harris", "Campbell",
              "Reed", "Foster", "Sullivan", "Coleman", "Hughes", "Bennett", "Price", "Smith-Jones",
              "Whitaker", "Pruitt"],
        nick={"Christopher": "Chris", "Elizabeth": "Liz", "Robert": "Bobby", "Katherine": "Kat",
              "Rebecca": "Becca", "Theodore": "Teddy", "Michael": "Mike", "Margaret": "Maggie",
              "Jennifer": "Jen", "Daniel": "Danny"}),
    "wordname": dict(
        first=["Grace", "Will", "Hope", "Rose", "Faith", "Sunny", "Autumn", "Crystal", "Hunter",
               "Skye", "Amber", "Jordan", "Bill", "Mark", "Frank", "Penny", "Dawn", "Joy",
               "Summer", "Jasmine", "Ginger", "Chase", "Destiny", "Brooke", "Wade", "Cliff",
               "Rusty", "Sandy", "Victor", "Pat", "Harmony", "Major"],
        last=["Young", "King", "Wood", "Brown", "Stone", "Rivers", "Fields", "Bird", "Hill",
              "Little", "Rich", "Love", "Sharp", "Gold", "Winter", "Cash", "Street", "Law"],
        nick={}),
    "irish": dict(
        first=["Aoife", "Ciarán", "Niamh", "Saoirse", "Siobhán", "Pádraig", "Eoin", "Róisín",
               "Declan", "Fionnuala", "Ailsa", "Lachlan", "Caoimhe", "Oisín"],
        last=["O'Brien", "O'Connor", "O'Sullivan", "McAllister", "MacLeod", "Byrne", "Walsh",
              "Doherty", "Fitzgerald", "O'Neill", "McCarthy", "Ó Ceallaigh", "Mac Giolla"],
        nick={"Fionnuala": "Nuala", "Pádraig": "Paddy"}),
    "hispanic": dict(
        first=["Alejandro", "Lucía", "Mateo", "Guadalupe", "Joaquín", "Marisol", "Xiomara",
               "Esperanza", "José Luis", "María José", "Ignacio", "Valentina", "Santiago",
               "Ximena", "Rodrigo", "Itzel", "Yesenia", "Jesús", "Gabriela", "Manuel",
               "Francisco", "Concepción", "Dolores", "Renata"],
        last=["García", "Hernández", "Rodríguez", "Fernández-López", "de la Cruz", "Ruiz", "Ochoa",
              "Quispe", "Mamani", "Villanueva", "Gutiérrez", "Sánchez Pérez", "Castillo",
              "Domínguez", "Zúñiga", "Peña", "Báez"],
        nick={"Ignacio": "Nacho", "Guadalupe": "Lupe", "Jesús": "Chuy", "Alejandro": "Alex",
              "Santiago": "Santi", "Valentina": "Vale", "María José": "Majo", "Rodrigo": "Rodri",
              "Gabriela": "Gabi", "Manuel": "Manny", "Francisco": "Paco", "Concepción": "Concha",
              "Dolores": "Lola"}),
    "french": dict(
        first=["Jean-Luc", "Chloé", "François", "Amélie", "Théo", "Margaux", "Benoît", "Océane",
               "Hélène", "Loïc", "Anaïs", "Jean-Baptiste", "Marie-Claire", "Gaëlle"],
        last=["Dubois", "Lefèvre", "Moreau", "Girard", "Fontaine", "Rousseau", "Lambert",
              "Chevalier", "Bonnet", "Mercier", "N'Diaye", "Lévesque", "Tremblay"],
        nick={"Jean-Baptiste": "JB"}),
    "westafrican": dict(
        first=["Chidi", "Adebayo", "Ifeoma", "Kwame", "Efua", "Olumide", "Uchenna", "Yaw",
               "Femi", "Ngozi", "Abena", "Chiamaka", "Kofi", "Temitope", "Babajide", "Aminata",
               "Moussa", "Fatoumata"],
        last=["Okafor", "Adeyemi", "Mensah", "Okonkwo", "Boateng", "Eze", "Owusu", "Nwosu",
              "Balogun", "Asante", "Obi", "Diallo", "Traoré", "Oyelaran-Adebiyi"],
        nick={"Temitope": "Temi", "Babajide": "Jide", "Chiamaka": "Amaka", "Olumide": "Lumi"}),
    "eastafrican": dict(
        first=["Wanjiru", "Tesfaye", "Abebe", "Hiwot", "Amani", "Zawadi", "Selam", "Mekdes",
               "Otieno", "Halima"],
        last=["Mwangi", "Kamau", "Haile", "Abdi", "Otieno", "Wanjiku", "Gebremedhin", "Warsame",
              "Mohamud"],
        nick={}),
    "southasian": dict(
        first=["Priya", "Arjun", "Ananya", "Siddharth", "Lakshmi", "Nikhil", "Aditi", "Rohan",
               "Kavya", "Vikram", "Deepika", "Harpreet", "Gurpreet", "Imran", "Sadia", "Anjali",
               "Venkatesh", "Farhana"],
        last=["Patel", "Sharma", "Iyer", "Reddy", "Khan", "Chaudhry", "Banerjee", "Menon", "Gill",
              "Sandhu", "Desai", "Rahman", "Nair", "Krishnamurthy", "D'Souza", "Venkataraman"],
        nick={"Siddharth": "Sid", "Vikram": "Vik", "Nikhil": "Nik", "Anjali": "Anju",
              "Venkatesh": "Venky"}),
    "eastasian": dict(
        first=["Wei", "Mei", "Jia", "Hiroshi", "Aiko", "Yuki", "Haruto", "Jae-won", "Soo-ah",
               "Min-jun", "Ji-woo", "Xiaoling", "Kenji", "Sakura", "Hyun-woo", "Li Na", "Zhiwei"],
        last=["Chen", "Wang", "Li", "Zhang", "Yamamoto", "Tanaka", "Nakamura", "Kim", "Park",
              "Choi", "Lee", "Liu", "Huang", "Sato", "Watanabe", "Ouyang"],
        nick={}),
    "seasian": dict(
        first=["Anh", "Thanh", "Bao", "Linh", "Minh", "Duc", "Maricel", "Lourdes", "Rizal",
               "Jun", "Ploy", "Somchai", "Dewi", "Nur"],
        last=["Nguyen", "Tran", "Pham", "Le", "Vo", "Santos", "Dela Cruz", "Reyes", "Bautista",
              "Mendoza", "Lim", "Tan", "Suryadi", "Wongsakul"],
        nick={}),
    "mena": dict(
        first=["Fatima", "Mohammed", "Yusuf", "Zainab", "Hamid", "Tariq", "Noor", "Malak", "Rashid",
               "Kaveh", "Reza", "Leila", "Omar", "Layla", "Dalia", "Karim", "Shirin", "Yasmin",
               "Abdulrahman", "Nasrin"],
        last=["Haddad", "Al-Sayed", "Khalil", "Nasser", "Hosseini", "Farahani", "Abboud", "El-Amin",
              "Mansour", "Karimi", "Saleh", "Al-Masri", "Ben Youssef", "Özdemir", "Yılmaz"],
        nick={"Abdulrahman": "Abdul", "Mohammed": "Mo"}),
    "slavic": dict(
        first=["Dmitri", "Oksana", "Sergei", "Zofia", "Katarzyna", "Tomasz", "Milena", "Bogdan",
               "Anastasia", "Jelena", "Nikola", "Wojciech", "Aleksandr", "Yulia"],
        last=["Kowalski", "Nowak", "Ivanova", "Petrov", "Kovačević", "Popescu", "Shevchenko",
              "Wiśniewska", "Horvat", "Novák", "Dvořák", "Kuznetsov"],
        nick={"Katarzyna": "Kasia", "Anastasia": "Nastya", "Dmitri": "Dima", "Aleksandr": "Sasha",
              "Wojciech": "Wojtek", "Tomasz": "Tomek", "Yulia": "Yulya"}),
    "northeu": dict(
        first=["Astrid", "Björn", "Ingrid", "Sven", "Dagny", "Lars", "Freya", "Jürgen", "Annika",
               "Matthias", "Sören", "Maarten", "Sanne"],
        last=["Johansson", "Lindqvist", "Schmidt", "Müller", "Becker", "Hansen", "Eriksen",
              "Schneider", "van der Berg", "Jansen", "de Vries", "Öberg"],
        nick={"Matthias": "Matze"}),
    "southeu": dict(
        first=["Giulia", "Marco", "Francesca", "Matteo", "Sofia", "Dimitris", "Eleni", "João",
               "Beatriz", "Inês", "Tiago", "Giuseppe"],
        last=["Rossi", "Esposito", "Bianchi", "Romano", "Papadopoulos", "Georgiou", "Oliveira",
              "Silva", "Ferreira", "Costa", "D'Angelo", "Lo Bianco"],
        nick={"Giuseppe": "Beppe", "Francesca": "Fra"}),
    "jewish": dict(
        first=["Avi", "Miriam", "Shira", "Eitan", "Noa", "Yael", "Moshe", "Talia", "Mordechai"],
        last=["Cohen", "Levi", "Goldberg", "Friedman", "Katz", "Rosenberg", "Ben-David", "Shapiro"],
        nick={"Mordechai": "Motti"}),
    "pacific_native": dict(
        first=["Leilani", "Keanu", "Kai", "Malia", "Sione", "Tala", "Nizhoni", "Aiyana", "Dakota",
               "Makoa", "Kalani", "Wren"],
        last=["Kealoha", "Tuilagi", "Fonoti", "Kahale", "Begay", "Yazzie", "Tsosie", "Nakai",
              "Fifita", "Running Bear"],
        nick={}),
    "afam": dict(
        first=["Darnell", "Aaliyah", "Jamal", "Keisha", "DeShawn", "Imani", "Tyrone", "Latoya",
               "Malik", "Shanice", "Terrell", "Ebony", "Jaylen", "Nia", "Andre", "Tamika",
               "LaToya", "Dominique"],
        last=["Washington", "Jackson", "Jefferson", "Robinson", "Booker", "Freeman", "Gaines",
              "Battle", "Mosley", "Banks", "Jean-Baptiste", "Toussaint"],
        nick={"Dominique": "Dom"}),
}
CULTURE_KEYS = sorted(CULTURES)

# first names usually read as female / male (names not listed are treated as unisex)
FEMALE = set("""Emily Brittany Megan Kayla Linda Heather Courtney Shannon Elizabeth Katherine Rebecca Margaret
Jennifer Donna Grace Hope Rose Faith Autumn Crystal Amber Penny Dawn Joy Summer Jasmine Ginger Destiny Brooke
Harmony Aoife Niamh Saoirse Siobhán Róisín Fionnuala Ailsa Caoimhe Lucía Guadalupe Marisol Xiomara Esperanza
Valentina Ximena Itzel Yesenia Gabriela Concepción Dolores Renata Chloé Amélie Margaux Océane Hélène Anaïs
Gaëlle Ifeoma Efua Ngozi Abena Chiamaka Aminata Fatoumata Wanjiru Hiwot Zawadi Selam Mekdes Halima Priya Ananya
Lakshmi Aditi Kavya Deepika Sadia Anjali Farhana Mei Aiko Sakura Soo-ah Xiaoling Jia Linh Maricel Lourdes Ploy
Dewi Fatima Zainab Noor Malak Leila Layla Dalia Shirin Yasmin Nasrin Oksana Zofia Katarzyna Milena Anastasia
Jelena Yulia Astrid Ingrid Dagny Freya Annika Sanne Giulia Francesca Sofia Eleni Beatriz Inês Miriam Shira Noa
Yael Talia Leilani Malia Tala Nizhoni Aiyana Aaliyah Keisha Imani Latoya Shanice Ebony Nia Tamika LaToya""".split())
FEMALE |= {"María José", "Marie-Claire", "Li Na"}
MALE = set("""Jake Tyler Christopher Marcus Dustin Bradley Kevin Robert Theodore Michael Daniel Gary Will Hunter Bill
Mark Frank Chase Wade Cliff Rusty Victor Major Ciarán Pádraig Eoin Declan Lachlan Oisín Alejandro Mateo Joaquín
Ignacio Santiago Rodrigo Jesús Manuel Francisco François Théo Benoît Loïc Chidi Adebayo Kwame Olumide Yaw Femi
Kofi Babajide Moussa Tesfaye Abebe Otieno Arjun Siddharth Nikhil Rohan Vikram Imran Venkatesh Hiroshi Haruto
Jae-won Min-jun Kenji Hyun-woo Zhiwei Bao Duc Rizal Somchai Mohammed Yusuf Hamid Tariq Rashid Kaveh Reza Omar
Karim Abdulrahman Dmitri Sergei Tomasz Bogdan Nikola Wojciech Aleksandr Björn Sven Lars Jürgen Matthias Sören
Maarten Marco Matteo Dimitris João Tiago Giuseppe Avi Eitan Moshe Mordechai Keanu Sione Makoa Darnell Jamal
DeShawn Tyrone Malik Terrell Jaylen Andre""".split())
MALE |= {"José Luis", "Jean-Luc", "Jean-Baptiste"}
assert not FEMALE & MALE
LANG_CULTURES = {"es": ["hispanic"], "fr": ["french", "westafrican", "afam"]}


class Person:
    def __init__(self, R, cultures=None, gender=None):
        want = {"F": FEMALE, "M": MALE}.get(gender)
        pool = [k for k in (cultures or CULTURE_KEYS) if not want or set(CULTURES[k]["first"]) & want]
        if not pool:
            pool = [k for k in CULTURE_KEYS if set(CULTURES[k]["first"]) & want]
        ck = R.choice(pool)
        c = CULTURES[ck]
        firsts = [f for f in c["first"] if not want or f in want]
        self.first = R.choice(firsts)
        # a mixed-culture surname now and then (realistic for US users)
        lc = c if R.random() < 0.85 else CULTURES[R.choice(CULTURE_KEYS)]
        self.last = R.choice(lc["last"])
        self.nickname = c["nick"].get(self.first, self.first)
        mid = ""
        if R.random() < 0.08:
            mid = " " + R.choice(UPPER.replace("Q", "").replace("X", "")) + "."
        self.fullname = f"{self.first}{mid} {self.last}"

    def get(self, R, field):
        if field == "first":
            return self.first
        if field == "last":
            return self.last
        if field == "full":
            return self.fullname
        if field == "nick":
            return self.nickname
        if field == "fl":
            return f"{self.first[0]}. {self.last}"
        if field == "lf":
            return f"{self.last.upper()}, {self.first.upper()}" if R.random() < 0.6 else f"{self.last}, {self.first}"
        if field == "mis":  # the name as misspelled by a booking system
            f = fold(self.first).replace("'", "").replace("-", "")
            l = fold(self.last).replace("'", "").replace("-", "").replace(" ", "")
            cand = f"{f} {l}"
            if cand == f"{self.first} {self.last}":
                if len(l) > 3:
                    i = R.randint(1, len(l) - 3)
                    l = l[:i] + l[i + 1] + l[i] + l[i + 2:]
                else:
                    l = l + l[-1]
                cand = f"{f} {l}"
            return cand.upper()
        raise KeyError(field)


# ---------------------------------------------------------------------------
# Identifier generators
# ---------------------------------------------------------------------------
CARD_SPECS = {
    "visa16": ([("4", 1)], 16, 20), "visa13": ([("4", 1)], 13, 3), "visa19": ([("4", 1)], 19, 3),
    "mc": ([(str(x), 1) for x in range(51, 56)], 16, 12),
    "mc2": ([(str(x), 1) for x in range(2221, 2721)], 16, 6),
    "amex": ([("34", 1), ("37", 1)], 15, 10),
    "discover": ([("6011", 3), ("644", 1), ("645", 1), ("646", 1), ("647", 1), ("648", 1), ("649", 1), ("65", 3)], 16, 6),
    "discover19": ([("6011", 1), ("65", 1)], 19, 1),
    "jcb": ([(str(x), 1) for x in range(3528, 3590)], 16, 4),
    "diners": ([(p, 1) for p in ("300", "301", "302", "303", "304", "305", "36", "38")], 14, 4),
    "unionpay": ([("62", 1)], 16, 4), "unionpay19": ([("62", 1)], 19, 2),
    "maestro": ([(p, 1) for p in ("5018", "5020", "5038", "6304", "6759", "6761", "6762", "6763")], 16, 3),
    "maestro12": ([(p, 1) for p in ("5018", "5020", "6304", "6759")], 12, 2),
    "maestro19": ([(p, 1) for p in ("5018", "6759", "6763")], 19, 2),
}


def gen_card(R, variant=None):
    brand = variant if variant in CARD_SPECS else wchoice(R, [(k, v[2]) for k, v in CARD_SPECS.items()])
    prefixes, n, _ = CARD_SPECS[brand]
    pre = wchoice(R, prefixes)
    body = pre + rd(R, n - 1 - len(pre))
    num = body + luhn.calc_check_digit(body)
    assert luhn.is_valid(num)
    sep = wchoice(R, [(" ", 5), ("-", 3), ("", 3)])
    if n == 16:
        groups = [4, 4, 4, 4]
    elif n == 15:
        groups = [4, 6, 5]
    elif n == 14:
        groups = [4, 6, 4]
    elif n == 13:
        groups = R.choice([[4, 4, 5], [4, 3, 3, 3]])
    elif n == 19:
        groups = R.choice([[4, 4, 4, 4, 3], [4, 4, 4, 4, 3], [4, 4, 4, 7]])
    elif n == 12:
        groups = [4, 4, 4]
    else:
        groups = [n]
    if sep == "":
        return num
    out, i = [], 0
    for g in groups:
        out.append(num[i:i + g])
        i += g
    return sep.join(out)


def gen_cvv(R, variant=None):
    return rd(R, 4) if variant == "amex" else rd(R, 3)


MON_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
             "octubre", "noviembre", "diciembre"]
FR_MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre", "décembre"]


def gen_expiry(R, variant=None):
    m = R.randint(1, 12)
    y = R.randint(2025, 2032)
    k = wchoice(R, [("a", 45), ("b", 15), ("c", 15), ("d", 10), ("e", 8), ("f", 7)])
    if k == "a":
        return f"{m:02d}/{y % 100:02d}"
    if k == "b":
        return f"{m}/{y % 100:02d}"
    if k == "c":
        return f"{m:02d}/{y}"
    if k == "d":
        return f"{m:02d}-{y % 100:02d}"
    if k == "e":
        return f"{m:02d}/{y % 100:02d}"
    return f"{R.choice([MON_ABBR[m - 1], MONTHS[m - 1]])} {y}"


def gen_ssn(R, variant=None):
    while True:
        a = R.randint(1, 899)
        if a == 666:
            continue
        d = f"{a:03d}{R.randint(1, 99):02d}{R.randint(1, 9999):04d}"
        if std_ssn.is_valid(d):
            break
    k = wchoice(R, [("-", 75), ("", 15), (" ", 10)])
    if k == "":
        return d
    return f"{d[:3]}{k}{d[3:5]}{k}{d[5:]}"


ITIN_GROUPS = list(range(50, 66)) + list(range(70, 89)) + [90, 91, 92] + list(range(94, 100))


def gen_itin(R, variant=None):
    while True:
        d = f"9{R.randint(0, 99):02d}{R.choice(ITIN_GROUPS):02d}{R.randint(0, 9999):04d}"
        if std_itin.is_valid(d):
            break
    if R.random() < 0.8:
        return f"{d[:3]}-{d[3:5]}-{d[5:]}"
    return d


PERSONAL_DOMAINS = [("gmail.com", 14), ("yahoo.com", 4), ("outlook.com", 3), ("hotmail.com", 3),
                    ("icloud.com", 3), ("aol.com", 1), ("proton.me", 1), ("protonmail.com", 1),
                    ("yahoo.co.uk", 1), ("gmx.de", 1), ("orange.fr", 1), ("hotmail.es", 1),
                    ("web.de", 1), ("live.com.mx", 1), ("comcast.net", 1), ("att.net", 1),
                    ("me.com", 1), ("yahoo.fr", 1), ("rediffmail.com", 1), ("naver.com", 1),
                    ("laposte.net", 1), ("btinternet.com", 1), ("sbcglobal.net", 1)]
WORK_DOMAINS = ["brightpath-health.org", "northwindlogistics.com", "meridianbank.com", "contoso-tech.io",
                "harborview.edu", "acme-corp.com", "lumenstudio.co", "pinecrestclinic.org", "globex.net",
                "tallgrass-ag.com", "fabrikam.co.uk", "mail.utoronto.ca", "cs.stanford.edu",
                "kettleandvine.com"]


def _slugpart(s):
    return re.sub(r"[^a-z0-9]", "", fold(s).lower())


def gen_email(R, person, work=False):
    f = _slugpart(person.first)
    l = _slugpart(person.last)
    n = _slugpart(person.nickname)
    if work:
        local = R.choice([f"{f}.{l}", f"{f[0]}{l}", f"{f}_{l}", f"{l}.{f}", f"{f}"])
        return f"{local}@{R.choice(WORK_DOMAINS)}"
    local = wchoice(R, [
        (f"{f}.{l}", 5), (f"{f}{l}", 3), (f"{f[0]}{l}", 3), (f"{f}_{l}{R.randint(1, 99)}", 2),
        (f"{n}{R.randint(70, 99)}", 2), (f"{l}.{f}", 1), (f"{f}.{l}+{R.choice(['bank', 'rx', 'shop', 'travel'])}", 1),
        (f"{n}{l[:3]}{R.randint(1, 2009)}", 2), (f"{f}-{l}", 1), (f"x{n}x{R.randint(1, 99)}", 1),
        (f"{l}{f[0]}{R.randint(10, 99)}", 1), (f"{n}.the.{R.choice(['great', 'baker', 'dj', 'nurse'])}", 1)])
    return f"{local}@{wchoice(R, PERSONAL_DOMAINS)}"


US_AREAS = ["212", "213", "214", "267", "305", "310", "312", "347", "404", "415", "469", "480", "503",
            "512", "602", "617", "619", "646", "678", "702", "713", "718", "720", "773", "786", "808",
            "832", "917", "929", "971", "206", "303", "313", "504", "612", "615", "704", "919", "818",
            "956", "505", "928", "907", "239"]
CA_AREAS = ["416", "604", "514", "403", "613", "647", "438", "778"]


def _us_nsn(R, areas):
    while True:
        a = R.choice(areas)
        ex = str(R.randint(2, 9)) + rd(R, 2)
        if ex[1:] == "11" or ex == "555":
            continue
        num = a + ex + rd(R, 4)
        if phonenumbers.is_valid_number(phonenumbers.parse("+1" + num, None)):
            return num


def _fmt_nanp(R, num):
    a, e, l = num[:3], num[3:6], num[6:]
    return wchoice(R, [
        (f"({a}) {e}-{l}", 9), (f"{a}-{e}-{l}", 9), (f"{a}.{e}.{l}", 4), (f"{a}{e}{l}", 4),
        (f"+1 {a}-{e}-{l}", 3), (f"+1 ({a}) {e}-{l}", 3), (f"1-{a}-{e}-{l}", 2), (f"{a} {e} {l}", 3),
        (f"+1{a}{e}{l}", 2), (f"({a}){e}-{l}", 2), (f"+1 {a} {e} {l}", 2), (f"{a}-{e}{l}", 1)])


INTL_TEMPLATES = {
    "uk": ["+44 7### ######", "+44 (0)7### ######", "+447#########", "+44 20 #### ####", "+44 7### ### ###"],
    "fr": ["+33 6 ## ## ## ##", "+33 7 ## ## ## ##", "+33 (0)6 ## ## ## ##", "+336########", "+33 1 ## ## ## ##"],
    "es": ["+34 6## ### ###", "+34 6## ## ## ##", "+34 91# ## ## ##", "+34 7## ### ###"],
    "mx": ["+52 55 #### ####", "+52 33 #### ####", "+52 (81) #### ####", "+52 55-####-####"],
    "de": ["+49 151 ########", "+49 152 #### ####", "+49 1577 #######", "+49 30 ########", "+49 (0)170 #######"],
    "in": ["+91 9#### #####", "+91 98### #####", "+91-7#########", "+91 8#########"],
    "br": ["+55 11 9####-####", "+55 (21) 9####-####", "+55 31 9#### ####"],
    "ng": ["+234 803 ### ####", "+234 806 ### ####", "+234 (0)813 ### ####", "+234 70# ### ####"],
    "ph": ["+63 917 ### ####", "+63 9## ### ####", "+639#########"],
    "au": ["+61 4## ### ###", "+61 (0)4## ### ###", "+61 2 #### ####"],
    "jp": ["+81 90-####-####", "+81 80 #### ####", "+81 3-####-####"],
    "ie": ["+353 8# ### ####", "+353 (0)87 ### ####"],
    "it": ["+39 3## ### ####", "+39 347 #######"],
    "ke": ["+254 7## ######", "+254 712 ### ###"],
    "co": ["+57 3## ### ####", "+57 310 #######"],
    "pk": ["+92 3## #######", "+92 300 ### ####"],
    "kr": ["+82 10-####-####", "+82 10 #### ####"],
    "ae": ["+971 5# ### ####", "+971 50 ### ####"],
    "vn": ["+84 9# ### ## ##", "+84 90 ### ####"],
    "pl": ["+48 5## ### ###", "+48 6## ### ###"],
}
INTL_KEYS = sorted(INTL_TEMPLATES)


def gen_phone(R, variant=None):
    if variant is None:
        variant = "us" if R.random() < 0.72 else "intl"
    if variant == "us":
        return _fmt_nanp(R, _us_nsn(R, US_AREAS))
    if variant == "ca":
        return _fmt_nanp(R, _us_nsn(R, CA_AREAS))
    if variant == "intl":
        variant = R.choice(INTL_KEYS + ["ca"])
        if variant == "ca":
            return _fmt_nanp(R, _us_nsn(R, CA_AREAS))
    tpl = R.choice(INTL_TEMPLATES[variant])
    for _ in range(2000):
        s = "".join(R.choice(DIGITS) if ch == "#" else ch for ch in tpl)
        pn = phonenumbers.parse(s, "US")
        if phonenumbers.is_valid_number(pn) and phonenumbers.is_possible_number(pn):
            return s
    raise RuntimeError(f"no valid number for template {tpl}")


IBAN_BBAN = {
    "DE": lambda R: rd(R, 18),
    "GB": lambda R: R.choice(["NWBK", "BARC", "HBUK", "LOYD", "MIDL"]) + rd(R, 14),
    "NL": lambda R: R.choice(["ABNA", "INGB", "RABO", "TRIO", "SNSB"]) + rd(R, 10),
    "FR": lambda R: rd(R, 23),
    "ES": lambda R: rd(R, 20),
    "IT": lambda R: R.choice(UPPER) + rd(R, 22),
    "BE": lambda R: rd(R, 12),
    "CH": lambda R: rd(R, 17),
    "IE": lambda R: R.choice(["AIBK", "BOFI", "IPBS"]) + rd(R, 14),
    "PL": lambda R: rd(R, 24),
    "PT": lambda R: rd(R, 21),
    "AT": lambda R: rd(R, 16),
}


def _iban_check(cc, bban):
    s = bban + cc + "00"
    num = "".join(str(int(ch, 36)) for ch in s)
    return f"{98 - int(num) % 97:02d}"


def gen_iban(R, variant=None):
    cc = variant.upper() if variant else wchoice(R, [("DE", 4), ("GB", 3), ("FR", 3), ("ES", 3), ("NL", 2),
                                                     ("IT", 2), ("BE", 1), ("CH", 1), ("IE", 1), ("PL", 1),
                                                     ("PT", 1), ("AT", 1)])
    for _ in range(100000):
        bban = IBAN_BBAN[cc](R)
        iban = cc + _iban_check(cc, bban) + bban
        if std_iban.is_valid(iban):
            break
    else:
        raise RuntimeError(cc)
    if R.random() < 0.7:
        return " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
    return iban


ABA_PREFIXES = [f"{x:02d}" for x in list(range(1, 13)) + list(range(21, 33)) + list(range(61, 73))] + ["80"]


def gen_aba(R, variant=None):
    body = R.choice(ABA_PREFIXES) + rd(R, 6)
    num = body + std_rtn.calc_check_digit(body)
    assert std_rtn.is_valid(num)
    return num


def gen_npi(R, variant=None):
    body = R.choice("12") + rd(R, 8)
    npi = body + luhn.calc_check_digit("80840" + body)
    assert luhn.is_valid("80840" + npi)
    return npi


def dea_check(d6):
    d = [int(c) for c in d6]
    return str((d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10)


def gen_dea(R, surname):
    first = wchoice(R, [("A", 2), ("B", 4), ("F", 3), ("G", 1), ("M", 2)])
    letters = [c for c in fold(surname).upper() if c.isalpha()]
    second = letters[0] if letters else "9"
    d6 = rd(R, 6)
    return first + second + d6 + dea_check(d6)


def gen_mrn(R, variant=None):
    k = wchoice(R, [("d", 35), ("z", 15), ("l", 15), ("dash", 12), ("yr", 10), ("pre", 13)])
    if k == "d":
        return rd(R, R.choice([7, 8, 9, 10]))
    if k == "z":
        return "00" + rd(R, R.choice([5, 6, 7]))
    if k == "l":
        return R.choice("EMHAK") + rd(R, 7)
    if k == "dash":
        return f"{rd(R, 3)}-{rd(R, 3)}-{rd(R, 3)}"
    if k == "yr":
        return f"{R.randint(2012, 2024)}-{rd(R, 6)}"
    return f"{R.choice(['MR', 'PT', 'HC'])}{rd(R, 6)}"


MBI_ALPHA = "ACDEFGHJKMNPQRTUVWXY"


def gen_hpid(R, variant=None):
    if variant is None:
        variant = wchoice(R, [("plan", 40), ("mbi", 14), ("w", 14), ("medicaid", 10), ("u", 10), ("num", 12)])
    if variant == "mbi":
        an = MBI_ALPHA + DIGITS
        m = (str(R.randint(1, 9)) + R.choice(MBI_ALPHA) + R.choice(an) + rd(R, 1) + R.choice(MBI_ALPHA) +
             R.choice(an) + rd(R, 1) + R.choice(MBI_ALPHA) + R.choice(MBI_ALPHA) + rd(R, 2))
        return f"{m[:4]}-{m[4:7]}-{m[7:]}" if R.random() < 0.5 else m
    if variant == "w":
        return "W" + rd(R, 9)
    if variant == "medicaid":
        return rd(R, 2, UPPER) + rd(R, 5) + R.choice(UPPER)
    if variant == "u":
        return rd(R, 9) + "-" + rd(R, 2)
    if variant == "num":
        return rd(R, 11)
    pre = rd(R, 3, UPPER.replace("I", "").replace("O", ""))
    return pre + rd(R, R.choice([8, 9, 10]))


def gen_acct(R, variant=None):
    k = wchoice(R, [("d", 50), ("grp", 15), ("z", 15), ("alpha", 10), ("long", 10)])
    if k == "d":
        return rd(R, R.choice([8, 9, 10, 11, 12]))
    if k == "grp":
        return f"{rd(R, 4)}-{rd(R, 5)}-{rd(R, 1)}"
    if k == "z":
        return "000" + rd(R, R.choice([6, 7]))
    if k == "alpha":
        return f"{R.choice(['AC', 'CU', 'SA', 'CHK'])}{rd(R, 8)}"
    return rd(R, 14)


DL_FORMATS = {
    "ca": lambda R: R.choice(UPPER) + rd(R, 7),
    "ny": lambda R: R.choice([f"{rd(R, 3)} {rd(R, 3)} {rd(R, 3)}", rd(R, 9)]),
    "fl": lambda R: f"{R.choice(UPPER)}{rd(R, 3)}-{rd(R, 3)}-{rd(R, 2)}-{rd(R, 3)}-{rd(R, 1)}",
    "tx": lambda R: rd(R, 8),
    "il": lambda R: f"{R.choice(UPPER)}{rd(R, 3)}-{rd(R, 4)}-{rd(R, 4)}",
    "wa": lambda R: "WDL" + rd(R, 9, UPPER.replace("I", "").replace("O", "") + DIGITS),
    "pa": lambda R: f"{rd(R, 2)} {rd(R, 3)} {rd(R, 3)}",
    "nj": lambda R: f"{R.choice(UPPER)}{rd(R, 4)} {rd(R, 5)} {rd(R, 5)}",
}


def gen_license(R, variant=None, person=None):
    if variant == "pro":
        return wchoice(R, [(f"RN{rd(R, 6)}", 3), (f"A{rd(R, 6)}", 2), (f"G{rd(R, 5)}", 1),
                           (f"PHA{rd(R, 5)}", 1), (f"MD-{rd(R, 6)}", 1), (rd(R, 7), 1)])
    if variant == "uk":
        sur = re.sub(r"[^A-Z]", "", fold(person.last).upper()) if person else "SMITH"
        sur = (sur + "99999")[:5]
        ini = re.sub(r"[^A-Z]", "", fold(person.first).upper())[:1] if person else "J"
        return f"{sur}{rd(R, 6)}{ini}9{rd(R, 1)}{rd(R, 2, UPPER)}"
    st = variant if variant in DL_FORMATS else R.choice(sorted(DL_FORMATS))
    return DL_FORMATS[st](R)


def gen_passport(R, variant=None):
    c = variant or wchoice(R, [("us", 5), ("us2", 3), ("uk", 2), ("ca", 2), ("in", 2), ("de", 1), ("fr", 2),
                               ("mx", 2), ("ng", 1), ("cn", 1), ("ph", 1)])
    if c == "us":
        return rd(R, 9)
    if c == "us2":
        return R.choice("ACE") + rd(R, 8)
    if c == "uk":
        return rd(R, 9)
    if c == "ca":
        return rd(R, 2, UPPER) + rd(R, 6)
    if c == "in":
        return R.choice("JKLMNPRSTUVWZ") + rd(R, 7)
    if c == "de":
        return "C" + rd(R, 8, "CFGHJKLMNPRTVWXYZ0123456789")
    if c == "fr":
        return rd(R, 2) + rd(R, 2, UPPER) + rd(R, 5)
    if c == "mx":
        return R.choice("GN") + rd(R, 8)
    if c == "ng":
        return "A" + rd(R, 8)
    if c == "cn":
        return "E" + rd(R, 8)
    if c == "ph":
        return "P" + rd(R, 7) + R.choice(UPPER)
    raise KeyError(c)


def _ord(n):
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suf}"


def fmt_date(R, d, mods):
    m, day, y = d.month, d.day, d.year
    style = None
    for s in ("num", "long", "md", "iso", "es", "fr", "eu"):
        if s in mods:
            style = s
    if style is None:
        style = wchoice(R, [("num", 35), ("long", 25), ("md", 25), ("iso", 8), ("eu", 7)])
    if style == "num":
        return wchoice(R, [(f"{m:02d}/{day:02d}/{y}", 4), (f"{m}/{day}/{y}", 3), (f"{m}/{day}/{y % 100:02d}", 3),
                           (f"{m:02d}-{day:02d}-{y}", 2), (f"{m:02d}/{day:02d}/{y % 100:02d}", 1)])
    if style == "long":
        return wchoice(R, [(f"{MONTHS[m - 1]} {day}, {y}", 5), (f"{MONTHS[m - 1]} {_ord(day)}, {y}", 2),
                           (f"{day} {MONTHS[m - 1]} {y}", 2), (f"{MON_ABBR[m - 1]} {day} {y}", 2),
                           (f"{MON_ABBR[m - 1]}. {day}, {y}" if m != 5 else f"May {day}, {y}", 1),
                           (f"{day}-{MON_ABBR[m - 1]}-{y}", 1)])
    if style == "md":
        return wchoice(R, [(f"{MONTHS[m - 1]} {day}", 4), (f"{MON_ABBR[m - 1]} {_ord(day)}", 2),
                           (f"{m}/{day}", 3), (f"{_ord(day)} of {MONTHS[m - 1]}", 1),
                           (f"{MON_ABBR[m - 1]} {day}", 2)])
    if style == "iso":
        return f"{y}-{m:02d}-{day:02d}"
    if style == "eu":
        return wchoice(R, [(f"{day:02d}/{m:02d}/{y}", 3), (f"{day}.{m}.{y}", 1), (f"{day:02d}.{m:02d}.{y}", 2)])
    if style == "es":
        return wchoice(R, [(f"{day} de {ES_MONTHS[m - 1]}", 3), (f"{day} de {ES_MONTHS[m - 1]} de {y}", 3),
                           (f"{day:02d}/{m:02d}/{y}", 2)])
    if style == "fr":
        dd = "1er" if day == 1 else str(day)
        return wchoice(R, [(f"{dd} {FR_MONTHS[m - 1]} {y}", 3), (f"{dd} {FR_MONTHS[m - 1]}", 2),
                           (f"{day:02d}/{m:02d}/{y}", 2)])
    raise KeyError(style)


def rand_date(R, start, end):
    a = start.toordinal()
    b = end.toordinal()
    return datetime.date.fromordinal(R.randint(a, b))


def gen_date(R, mods):
    if "past" in mods:
        d = rand_date(R, datetime.date(2022, 1, 1), datetime.date(2025, 5, 30))
    else:
        d = rand_date(R, datetime.date(2024, 9, 1), datetime.date(2026, 8, 31))
    return fmt_date(R, d, mods)


def gen_dob(R, mods):
    if "old" in mods:
        d = rand_date(R, datetime.date(1924, 1, 1), datetime.date(1935, 12, 31))
    elif "kid" in mods:
        d = rand_date(R, datetime.date(2010, 1, 1), datetime.date(2024, 12, 31))
    else:
        d = rand_date(R, datetime.date(1938, 1, 1), datetime.date(2006, 12, 31))
    return fmt_date(R, d, mods)


# -- locations --------------------------------------------------------------
US_STREETS = ["Maple Ridge", "Oak", "Elm", "Cedar Hollow", "Sunset", "Lincoln", "Martin Luther King Jr",
              "Washington", "Peachtree", "Willow Creek", "Mission", "Grand", "Lakeshore", "Hillcrest",
              "Magnolia", "Chestnut", "Pine Valley", "Ocean View", "Riverbend", "Juniper", "Aspen",
              "Kalakaua", "Pacific Coast", "Cherokee", "Bluebonnet", "Old Mill", "Foxhall", "Sandy",
              "Division", "Colfax", "Euclid", "Cesar Chavez", "Rainier", "Biscayne", "Wilshire",
              "Ponce de Leon", "Kedzie", "Halsted", "Alameda", "Dogwood", "Quail Run", "Tamarind",
              "Saguaro", "Harbor", "Park", "Church", "Cottonwood", "Los Feliz", "Canal"]
US_SUFFIX = ["St", "Street", "Ave", "Avenue", "Blvd", "Rd", "Road", "Dr", "Drive", "Ln", "Lane", "Ct",
             "Way", "Pl", "Ter", "Pkwy", "Cir", "Hwy", "Trl"]
US_CITIES = [("Austin", "TX"), ("Chicago", "IL"), ("Miami", "FL"), ("Seattle", "WA"), ("Oakland", "CA"),
             ("Brooklyn", "NY"), ("Atlanta", "GA"), ("Phoenix", "AZ"), ("Denver", "CO"), ("Portland", "OR"),
             ("Honolulu", "HI"), ("Boston", "MA"), ("Houston", "TX"), ("San Antonio", "TX"), ("Detroit", "MI"),
             ("Minneapolis", "MN"), ("Nashville", "TN"), ("New Orleans", "LA"), ("Albuquerque", "NM"),
             ("Philadelphia", "PA"), ("Charlotte", "NC"), ("Columbus", "OH"), ("El Paso", "TX"),
             ("Gallup", "NM"), ("Fresno", "CA"), ("Anchorage", "AK"), ("Queens", "NY"), ("Tucson", "AZ")]


def _unit(R):
    return wchoice(R, [(f"Apt {R.randint(1, 40)}{R.choice(['', '', 'A', 'B', 'C', 'F'])}", 5),
                       (f"Apt. {R.randint(1, 999)}", 2), (f"#{R.randint(1, 2400)}", 4),
                       (f"Unit {R.randint(1, 30)}{R.choice(['', 'B'])}", 2), (f"Ste {R.randint(100, 950)}", 1),
                       (f"apt {R.randint(2, 9)}{R.choice('ABCD')}", 2), (f"Fl {R.randint(2, 5)}", 1),
                       (f"Apt {R.randint(1, 9)}-{R.choice('ABCDEF')}", 1)])


def us_street(R, unit=None):
    num = wchoice(R, [(R.randint(1, 99), 2), (R.randint(100, 999), 4), (R.randint(1000, 9999), 5),
                      (R.randint(10000, 29999), 2)])
    dirp = wchoice(R, [("", 10), ("N ", 1), ("S ", 1), ("E ", 1), ("W ", 1), ("NE ", 1), ("SW ", 1)])
    if R.random() < 0.15:
        name = _ord(R.randint(2, 120))
        suf = R.choice(["St", "Street", "Ave", "Avenue"])
    else:
        name = R.choice(US_STREETS)
        suf = R.choice(US_SUFFIX)
    s = f"{num} {dirp}{name} {suf}"
    if unit is None:
        unit = R.random() < 0.35
    if unit:
        s += R.choice([" ", " ", ", "]) + _unit(R)
    return s


def us_zip(R, plus4=False):
    z = f"{R.randint(1001, 99929):05d}"
    if plus4 or R.random() < 0.12:
        z += "-" + rd(R, 4)
    return z


UK_STREETS = ["Cranbrook", "Baker", "Victoria", "Mill", "Station", "Kingsway", "Albert", "Church",
              "Hawthorn", "Queen's", "St Mary's", "Brook", "Elmwood", "Castle"]
UK_SUF = ["Road", "Street", "Lane", "Avenue", "Close", "Crescent", "Gardens", "Terrace", "Grove", "Way"]
UK_CITIES = [("London", ["SW", "E", "N", "NW", "SE", "W"]), ("Manchester", ["M"]), ("Leeds", ["LS"]),
             ("Glasgow", ["G"]), ("Edinburgh", ["EH"]), ("Bristol", ["BS"]), ("Cardiff", ["CF"]),
             ("Birmingham", ["B"]), ("Oxford", ["OX"]), ("Belfast", ["BT"])]


def uk_postcode(R, areas):
    a = R.choice(areas)
    out = f"{a}{R.randint(1, 20)}"
    if R.random() < 0.15 and len(a) <= 2:
        out = f"{a}{R.randint(1, 9)}{R.choice('ABCDEHJKMNPRSTUVWXY')}"
    return f"{out} {R.randint(0, 9)}{rd(R, 2, 'ABDEFGHJLNPQRSTUWXYZ')}"


FR_STREETS = ["rue des Lilas", "rue de la République", "avenue Victor-Hugo", "boulevard Gambetta",
              "rue du Faubourg Saint-Antoine", "avenue Jean-Jaurès", "impasse des Tilleuls",
              "rue de la Paix", "place du Marché", "chemin des Vignes", "rue Oberkampf", "quai de Valmy"]
FR_CITIES = [("Paris", "750"), ("Lyon", "6900"), ("Marseille", "130"), ("Toulouse", "310"),
             ("Bordeaux", "330"), ("Lille", "590"), ("Nantes", "440")]
MX_STREETS = ["Calle Reforma", "Av. Insurgentes Sur", "Calle Morelos", "Calle Hidalgo", "Av. Juárez",
              "Calle 5 de Mayo", "Av. Benito Juárez", "Calz. de Tlalpan", "Calle Álvaro Obregón",
              "Av. Revolución", "Calle Durango"]
MX_CITIES = [("Ciudad de México", "CDMX", "0"), ("Guadalajara", "Jal.", "44"), ("Monterrey", "N.L.", "64"),
             ("Puebla", "Pue.", "72"), ("Oaxaca", "Oax.", "68")]
DE_STREETS = ["Lindenstraße", "Hauptstraße", "Goethestraße", "Schillerstraße", "Bahnhofstraße",
              "Kastanienallee", "Am Markt", "Bergmannstraße", "Friedrichstraße", "Weinbergsweg"]
DE_CITIES = [("Berlin", "10"), ("München", "80"), ("Hamburg", "20"), ("Köln", "50"), ("Leipzig", "04")]
CA_CITIES = [("Toronto", "ON", "M"), ("Vancouver", "BC", "V"), ("Montréal", "QC", "H"), ("Ottawa", "ON", "K"),
             ("Calgary", "AB", "T")]
CA_LETTERS = "ABCEGHJKLMNPRSTVWXYZ"


class Loc:
    def __init__(self, R, country, unit=None):
        self.country = country
        if country == "us":
            self.street = us_street(R, unit)
            self.city, self.state = R.choice(US_CITIES)
            self.zip = us_zip(R)
        elif country == "uk":
            self.street = f"{R.randint(1, 240)}{R.choice(['', '', '', 'A', 'B'])} {R.choice(UK_STREETS)} {R.choice(UK_SUF)}"
            self.city, areas = R.choice(UK_CITIES)
            self.state = ""
            self.zip = uk_postcode(R, areas)
        elif country == "fr":
            self.street = f"{R.randint(1, 180)}{R.choice(['', '', '', ' bis', ' ter'])} {R.choice(FR_STREETS)}"
            self.city, pre = R.choice(FR_CITIES)
            self.state = ""
            self.zip = pre + rd(R, 5 - len(pre))
            if self.city == "Paris":
                self.zip = f"750{R.randint(1, 20):02d}"
        elif country == "mx":
            unit = R.choice(["", "", f" Int. {R.randint(1, 12)}", f" Depto {R.randint(101, 804)}"])
            self.street = f"{R.choice(MX_STREETS)} {R.randint(2, 2900)}{unit}"
            self.city, self.state, pre = R.choice(MX_CITIES)
            self.zip = pre + rd(R, 5 - len(pre))
        elif country == "de":
            self.street = f"{R.choice(DE_STREETS)} {R.randint(1, 140)}{R.choice(['', '', '', 'a', 'b'])}"
            self.city, pre = R.choice(DE_CITIES)
            self.state = ""
            self.zip = pre + rd(R, 3)
        elif country == "ca":
            self.street = us_street(R, unit)
            self.city, self.state, first = R.choice(CA_CITIES)
            self.zip = f"{first}{R.randint(1, 9)}{R.choice(CA_LETTERS)} {R.randint(0, 9)}{R.choice(CA_LETTERS)}{R.randint(0, 9)}"
        else:
            raise KeyError(country)


def gen_ip(R, variant=None):
    v = variant or wchoice(R, [("pub", 5), ("private", 4), ("v6", 2)])
    if v == "pub":
        a = R.choice([23, 24, 45, 50, 66, 71, 73, 76, 96, 98, 104, 108, 142, 162, 174, 185, 203, 209, 64, 81, 89, 151])
        return f"{a}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"
    if v == "private":
        k = R.random()
        if k < 0.5:
            return f"192.168.{R.choice([0, 1, 1, 1, 10, 50, 100, 2])}.{R.randint(2, 254)}"
        if k < 0.8:
            return f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"
        return f"172.{R.randint(16, 31)}.{R.randint(0, 255)}.{R.randint(1, 254)}"
    if v == "v6":
        k = R.random()
        if k < 0.35:
            n = (0xfe80 << 112) | R.getrandbits(64)
        elif k < 0.7:
            pre = R.choice([0x26001700, 0x2a02c7f0, 0x2607f8b0, 0x24058100, 0x2a0104f8])
            n = (pre << 96) | (R.getrandbits(16) << 80) | R.getrandbits(64)
        else:
            n = (R.choice([0x2001, 0x2601, 0x2804]) << 112) | R.getrandbits(100)
        a = ipaddress.IPv6Address(n)
        return a.compressed if R.random() < 0.85 else a.exploded
    raise KeyError(v)


B64URL = ALNUM + "-_"


def tok(R, n, alphabet=ALNUM):
    s = rd(R, n, alphabet)
    if not s[-1].isalnum():
        s = s[:-1] + R.choice(ALNUM)
    if not s[0].isalnum():
        s = R.choice(ALNUM) + s[1:]
    return s


def gen_url(R, variant=None, person=None):
    slug = f"{_slugpart(person.first)}-{_slugpart(person.last)}" if person else "kim-tran"
    handle = (_slugpart(person.nickname) + R.choice(["", "_", "."]) + _slugpart(person.last)[:5]) if person else "kimt"
    v = variant or R.choice(["linkedin", "drive", "docs", "calendly", "insta", "bitly", "photos", "venmo",
                             "site", "listing", "dropbox", "github", "zoom", "portal", "tiktok", "form"])
    if v == "linkedin":
        return f"https://www.linkedin.com/in/{slug}-{rd(R, R.randint(3, 8), '0123456789abcdef')}"
    if v == "drive":
        return f"https://drive.google.com/file/d/1{tok(R, 32, B64URL)}/view?usp=sharing"
    if v == "docs":
        return f"https://docs.google.com/{R.choice(['document', 'spreadsheets'])}/d/1{tok(R, 43, B64URL)}/edit"
    if v == "calendly":
        return f"https://calendly.com/{slug}/{R.choice(['30min', 'intro-call', 'consult'])}"
    if v == "insta":
        return f"https://www.instagram.com/{handle}/"
    if v == "bitly":
        return f"https://bit.ly/{tok(R, 7)}"
    if v == "photos":
        return f"https://photos.app.goo.gl/{tok(R, 17)}"
    if v == "venmo":
        return f"https://venmo.com/u/{fold(person.first).replace(' ', '-') if person else 'Kim'}-{fold(person.last).replace(' ', '-').replace(chr(39), '') if person else 'Tran'}-{rd(R, 2)}"
    if v == "site":
        return f"www.{_slugpart(person.first) if person else 'kim'}{R.choice(['photography', 'designs', 'bakes', 'tutoring', 'lawncare'])}.com"
    if v == "listing":
        return f"https://www.facebook.com/marketplace/item/{rd(R, 15)}/"
    if v == "dropbox":
        return f"https://www.dropbox.com/s/{tok(R, 15).lower()}/{R.choice(['lease', 'w2', 'scan', 'IMG_4471', 'insurance'])}.pdf?dl=0"
    if v == "github":
        return f"https://github.com/{handle.replace('.', '-').replace('_', '-')}/{R.choice(['dotfiles', 'vpn-setup', 'thesis', 'scripts'])}"
    if v == "zoom":
        return f"https://us06web.zoom.us/j/{rd(R, 11)}"
    if v == "portal":
        return f"https://mychart.{R.choice(['pinecrestclinic', 'brightpath-health', 'valleymed'])}.org/MyChart/Billing/Details?acct={rd(R, 6)}"
    if v == "tiktok":
        return f"https://www.tiktok.com/@{handle}"
    if v == "form":
        return f"https://forms.gle/{tok(R, 17)}"
    if v == "helpdesk":
        return f"https://{R.choice(['vpn', 'sso', 'git', 'jira', 'wiki'])}.{R.choice(['contoso-tech.io', 'acme-corp.com', 'globex.net'])}/{R.choice(['login', 'browse/OPS-' + rd(R, 4), 'spaces/IT/pages/' + rd(R, 9), 'auth/realms/main'])}"
    raise KeyError(v)


def gen_mac(R, variant=None):
    b = [R.randint(0, 255) for _ in range(6)]
    b[0] &= 0xFC
    h = [f"{x:02x}" for x in b]
    k = wchoice(R, [("colonU", 4), ("colonL", 3), ("dashU", 3), ("cisco", 2)])
    if k == "colonU":
        return ":".join(h).upper()
    if k == "colonL":
        return ":".join(h)
    if k == "dashU":
        return "-".join(h).upper()
    s = "".join(h)
    return f"{s[0:4]}.{s[4:8]}.{s[8:12]}"


IMEI_TACS = ["35209900", "35332811", "35875610", "01332700", "86891203", "35391110", "35686800",
             "01326200", "35404911", "86769904", "35299209", "35846911"]


def gen_imei(R, variant=None):
    body = R.choice(IMEI_TACS) + rd(R, 6)
    num = body + luhn.calc_check_digit(body)
    assert std_imei.is_valid(num)
    k = wchoice(R, [("plain", 6), ("dash", 2), ("space", 2)])
    if k == "plain":
        return num
    sep = "-" if k == "dash" else " "
    return sep.join([num[:2], num[2:8], num[8:14], num[14]])


VIN_WMI = ["1HG", "1FT", "1FA", "1G1", "1GC", "2T1", "2HG", "3VW", "3FA", "4T1", "5YJ", "5NP", "JTD",
           "JHM", "KMH", "WBA", "WVW", "1C4", "1N4", "5FN", "JN1", "2C3", "4S4", "5TD", "3N1", "KNA"]
VIN_CH = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
VIN_TR = {**{str(i): i for i in range(10)}, "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
          "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9, "S": 2, "T": 3, "U": 4, "V": 5,
          "W": 6, "X": 7, "Y": 8, "Z": 9}
VIN_W = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin_check(v):
    s = sum(VIN_TR[c] * w for c, w in zip(v, VIN_W)) % 11
    return "X" if s == 10 else str(s)


def gen_vin(R, variant=None):
    v = R.choice(VIN_WMI) + rd(R, 5, VIN_CH) + "0" + R.choice("DEFGHJKLMNPRS123456789") + R.choice(VIN_CH) + rd(R, 6)
    v = v[:8] + vin_check(v) + v[9:]
    assert vin_check(v) == v[8] and len(v) == 17
    return v


def gen_uuid(R, variant=None):
    u = str(uuid.UUID(int=R.getrandbits(128), version=4))
    return u.upper() if R.random() < 0.15 else u


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def _b58(b):
    n = int.from_bytes(b, "big")
    s = ""
    while n:
        n, r = divmod(n, 58)
        s = B58[r] + s
    pad = len(b) - len(b.lstrip(b"\0"))
    return "1" * pad + s


def _polymod(values):
    gen = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = ((chk & 0x1ffffff) << 5) ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def _bech32(hrp, witver, prog):
    acc, bits, data = 0, 0, []
    for x in prog:
        acc = (acc << 8) | x
        bits += 8
        while bits >= 5:
            bits -= 5
            data.append((acc >> bits) & 31)
    if bits:
        data.append((acc << (5 - bits)) & 31)
    data = [witver] + data
    hx = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    pm = _polymod(hx + data + [0] * 6) ^ 1
    chk = [(pm >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data + chk)


def gen_btc(R, variant=None):
    k = wchoice(R, [("p2pkh", 4), ("p2sh", 2), ("wpkh", 4), ("wsh", 1)])
    if k in ("p2pkh", "p2sh"):
        data = bytes([0 if k == "p2pkh" else 5]) + bytes(R.getrandbits(8) for _ in range(20))
        chk = hashlib.sha256(hashlib.sha256(data).digest()).digest()[:4]
        a = _b58(data + chk)
    else:
        a = _bech32("bc", 0, bytes(R.getrandbits(8) for _ in range(20 if k == "wpkh" else 32)))
    assert std_btc.is_valid(a), a
    return a


PW_WORDS = ["Mango", "sunflower", "Tigers", "blue", "Falcon", "pizza", "Dragon", "coffee", "Lakers",
            "Mariposa", "soleil", "Chispa", "Kenzo", "monkey", "Shadow", "Luna", "bigfoot", "Nachos",
            "Rocket", "pepper", "Bailey", "azul", "Canela", "Tortuga", "Kiwi", "Matcha", "Orion", "ramen"]


def _leet(w):
    return w.replace("a", "@").replace("o", "0").replace("e", "3").replace("s", "$")


def gen_password(R):
    k = wchoice(R, [("ww", 3), ("wsw", 3), ("leet", 2), ("rand", 3), ("wd", 2)])
    if k == "ww":
        s = R.choice(PW_WORDS).capitalize() + R.choice(PW_WORDS).capitalize() + rd(R, R.randint(2, 4))
    elif k == "wsw":
        s = R.choice(PW_WORDS) + R.choice("!#$%&*.-_") + rd(R, R.randint(2, 4)) + R.choice(PW_WORDS)
    elif k == "leet":
        s = _leet(R.choice(PW_WORDS).capitalize()) + R.choice(["!", "#", "*"]) + rd(R, 2) + R.choice(LOWER)
    elif k == "rand":
        s = tok(R, R.randint(10, 16), ALNUM + "!@#$%&*-_=+")
    else:
        s = R.choice(PW_WORDS).lower() + rd(R, 4)
    if not s[-1].isalnum():
        s += R.choice(ALNUM)
    return s


def gen_cred(R, variant=None):
    v = variant or wchoice(R, [("pw", 6), ("pin", 3), ("gate", 3), ("api", 4), ("wifi", 2)])
    if v in ("pw", "wifi"):
        return gen_password(R)
    if v == "pin":
        return rd(R, 4) if R.random() < 0.8 else rd(R, 6)
    if v == "gate":
        return rd(R, R.choice([4, 4, 5, 6]))
    if v == "aws":
        return "AKIA" + rd(R, 16, UPPER + "234567")
    if v == "jwt":
        return "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9." + tok(R, R.randint(40, 70), B64URL) + "." + tok(R, 43, B64URL)
    if v == "gh":
        return "ghp_" + tok(R, 36)
    if v == "slack":
        return f"xoxb-{rd(R, 12)}-{rd(R, 13)}-{tok(R, 24)}"
    if v == "api":
        k = R.choice(["stripe", "stripe_t", "gh", "aws", "slack", "google", "gitlab", "openai", "jwt", "hex"])
        if k == "stripe":
            return "sk_live_" + tok(R, 24)
        if k == "stripe_t":
            return "sk_test_" + tok(R, 24)
        if k == "gh":
            return "ghp_" + tok(R, 36)
        if k == "aws":
            return "AKIA" + rd(R, 16, UPPER + "234567")
        if k == "slack":
            return f"xoxb-{rd(R, 12)}-{rd(R, 13)}-{tok(R, 24)}"
        if k == "google":
            return "AIza" + tok(R, 35, B64URL)
        if k == "gitlab":
            return "glpat-" + tok(R, 20)
        if k == "openai":
            return "sk-" + tok(R, 48)
        if k == "jwt":
            return gen_cred(R, "jwt")
        return rd(R, 40, "0123456789abcdef")
    raise KeyError(v)


# -- unlabelled filler ------------------------------------------------------
def f_order(R):
    return wchoice(R, [(f"{rd(R, 3)}-{rd(R, 7)}-{rd(R, 7)}", 3), (f"{rd(R, 2, UPPER)}{rd(R, 6)}", 2),
                       (f"ORD-{rd(R, 6)}", 2), (rd(R, 10), 2), (f"W{rd(R, 9)}", 1),
                       (rd(R, 8, UPPER + DIGITS), 2), (f"DD-{rd(R, 6, UPPER + DIGITS)}", 1),
                       (f"{rd(R, 4)}-{rd(R, 4)}", 1)])


def f_conf(R):
    return rd(R, 6, "ABCDEFGHJKLMNPQRSTUVWXYZ23456789")


AIRLINES = ["UA", "DL", "AA", "WN", "B6", "AS", "BA", "AF", "IB", "LH", "AM", "AC", "EK", "QR", "NH", "LA",
            "Y4", "VB", "KL", "TK", "ET"]


def f_flight(R):
    return f"{R.choice(AIRLINES)}{R.choice(['', ' '])}{R.randint(1, 2999)}"


def f_badcard(R):
    while True:
        n = R.choice("3456") + rd(R, 15)
        if not luhn.is_valid(n):
            break
    sep = R.choice([" ", "-", ""])
    return sep.join(n[i:i + 4] for i in range(0, 16, 4))


def f_version(R):
    return wchoice(R, [(f"{R.randint(1, 20)}.{R.randint(0, 20)}.{R.randint(0, 30)}", 4),
                       (f"{R.randint(1, 9)}.{R.randint(0, 12)}.{R.randint(0, 9)}.{R.randint(1000, 9999)}", 2),
                       (f"{R.randint(1, 30)}.{R.randint(0, 9)}", 2)])


def f_time(R):
    h = R.randint(0, 23)
    m = R.choice([0, 5, 10, 15, 20, 25, 30, 40, 45, 50, 55, R.randint(0, 59)])
    return wchoice(R, [(f"{h:02d}:{m:02d}", 3), (f"{(h % 12) or 12}:{m:02d}{R.choice(['am', 'pm', ' AM', ' PM'])}", 4),
                       (f"{h:02d}:{m:02d}:{R.randint(0, 59):02d}", 2), (f"{(h % 12) or 12}{R.choice(['am', 'pm'])}", 2)])


def f_price(R):
    v = R.choice([R.randint(3, 99) + R.choice([0, .5, .99, .25, .49]), R.randint(100, 4999) + R.choice([0, .99, .5])])
    return wchoice(R, [(f"${v:,.2f}", 6), (f"${int(v)}", 2), (f"€{v:.2f}".replace(".", ","), 1), (f"£{v:.2f}", 1),
                       (f"MX${int(v)}", 1), (f"USD {v:.2f}", 1), (f"₹{int(v) * 10:,}", 1)])


def f_dose(R):
    return R.choice(["500 mg", "10mg", "0.5 mL", "2 puffs", "81 mg", "1,000 IU", "20 units", "5 mg/kg",
                     "2.5mg", "875/125 mg", "40 mg", "0.25 mg", "100mcg", "1 tab", "15 mL", "25 mg"])


DRUGS = ["amoxicillin", "lisinopril", "metformin", "atorvastatin", "Ozempic", "sertraline", "levothyroxine",
         "albuterol", "Eliquis", "gabapentin", "prednisone", "insulin glargine", "omeprazole", "Adderall XR",
         "Zyrtec", "losartan", "montelukast", "Jardiance", "amlodipine", "Synthroid", "Wegovy", "Humira",
         "escitalopram", "tamsulosin", "Paxlovid", "Lexapro", "hydroxychloroquine"]


def f_lab(R):
    return R.choice([f"A1c {R.randint(55, 99) / 10}%", f"LDL {R.randint(70, 190)} mg/dL", f"TSH {R.randint(30, 600) / 100}",
                     f"K {R.randint(33, 59) / 10}", f"eGFR {R.randint(30, 110)}", f"BP {R.randint(100, 165)}/{R.randint(60, 100)}",
                     f"WBC {R.randint(30, 150) / 10}", f"INR {R.randint(9, 35) / 10}", f"glucose {R.randint(70, 260)}",
                     f"Hgb {R.randint(85, 170) / 10}", f"PSA {R.randint(5, 90) / 10}", f"vit D {R.randint(8, 60)} ng/mL"])


def f_product(R):
    return wchoice(R, [(f"{rd(R, 3)}-{rd(R, 3)}-{rd(R, 4)}", 4), (f"{rd(R, 2, UPPER)}{rd(R, 5)}{R.choice(UPPER)}{rd(R, 4)}", 2),
                       (f"{rd(R, 4)}-{rd(R, 4)}-{rd(R, 2)}", 2), (f"SM-{R.choice('SAGNF')}{rd(R, 3)}{R.choice('BUNW')}", 1),
                       (f"({rd(R, 3)}) {rd(R, 3)}-{rd(R, 4)}-{rd(R, 2)}", 1)])


def f_tracking(R):
    return wchoice(R, [("1Z" + rd(R, 6, UPPER + DIGITS) + rd(R, 10), 3),
                       (" ".join([R.choice(["9400", "9205", "9361"])] + [rd(R, 4) for _ in range(4)] + [rd(R, 2)]), 3),
                       (rd(R, 12), 2), (f"LX{rd(R, 9)}{R.choice(['CN', 'FR', 'DE'])}", 1)])


def f_seat(R):
    return f"{R.randint(1, 45)}{R.choice('ABCDEF')}"


def f_gate(R):
    return f"{R.choice('ABCDEFT')}{R.randint(1, 48)}"


def f_ticket(R):
    return wchoice(R, [(f"INC{rd(R, 7)}", 3), (f"REQ-{rd(R, 5)}", 2), (f"HD-{rd(R, 4)}", 2), (f"CS{rd(R, 8)}", 1),
                       (f"RITM{rd(R, 7)}", 1)])


STORES = ["Target", "Walmart", "Costco", "Walgreens", "CVS", "Home Depot", "Trader Joe's", "Best Buy",
          "Shell", "Uber Eats", "DoorDash", "Amazon", "Spotify", "Chevron", "Kroger", "H-E-B", "Sephora",
          "Wendy's", "McDonald's", "Dollar General", "Apple.com", "Lyft", "Ulta", "Zara"]
BICS = ["DEUTDEFF", "BNPAFRPP", "CHASUS33", "BBVAMXMT", "NWBKGB2L", "INGBNL2A", "COBADEFFXXX", "BSCHESMM"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mon", "Tues",
            "wed", "thurs", "fri", "sat", "sun"]

RX_DOSES = ["amoxicillin 500 mg", "lisinopril 10mg", "metformin 1000 mg", "atorvastatin 40 mg", "Ozempic 0.25 mg",
            "sertraline 50mg", "levothyroxine 88 mcg", "albuterol 2 puffs", "Eliquis 5 mg", "gabapentin 300 mg",
            "prednisone 20mg", "insulin glargine 20 units", "omeprazole 40 mg", "Adderall XR 20 mg", "losartan 50 mg",
            "montelukast 10 mg", "amlodipine 5mg", "escitalopram 10 mg", "tamsulosin 0.4 mg", "Jardiance 10 mg",
            "amoxicillin-clavulanate 875/125 mg", "vitamin D3 1,000 IU", "Synthroid 75mcg", "hydrochlorothiazide 25 mg"]

FILLERS = {
    "_rxdose": lambda R: R.choice(RX_DOSES),
    "_order": f_order, "_conf": f_conf, "_flight": f_flight, "_badcard": f_badcard, "_version": f_version,
    "_time": f_time, "_price": f_price, "_dose": f_dose, "_drug": lambda R: R.choice(DRUGS), "_lab": f_lab,
    "_product": f_product, "_tracking": f_tracking, "_seat": f_seat, "_gate": f_gate, "_ticket": f_ticket,
    "_room": lambda R: str(R.randint(101, 940)), "_agey": lambda R: str(R.randint(2, 88)),
    "_year": lambda R: str(R.randint(1998, 2026)), "_day": lambda R: R.choice(WEEKDAYS),
    "_store": lambda R: R.choice(STORES), "_bic": lambda R: R.choice(BICS),
    "_invoice": lambda R: f"INV-{R.randint(2021, 2025)}-{rd(R, 4)}", "_epoch": lambda R: str(R.randint(1600000000, 1790000000)),
    "_n": lambda R: str(R.randint(2, 12)), "_kg": lambda R: f"{R.randint(8, 32)}kg",
    "_miles": lambda R: f"{R.randint(12, 180)}k", "_promo": lambda R: R.choice(["SAVE20", "WELCOME10", "FREESHIP", "SUMMER25", "BOGO50"]),
    "_bigint": lambda R: rd(R, R.choice([9, 10, 11])),
}


# ---------------------------------------------------------------------------
# Message frames.
#   {p.first} {p.last} {p.full} {p.nick} {p.fl} {p.lf} {p.mis}   PERSON (also q, r, s;
#       w and v are people with names that are ordinary words; dr = a clinician)
#   {TYPE[:variant][@key]} labelled identifier, {_filler} unlabelled decoy text.
#   A leading ~flag,flag~ sets language (es, fr) or style (caps, lower, clean).
# ---------------------------------------------------------------------------
POSITIVE = [
    # --- clinic -----------------------------------------------------------
    "Hi, I need to reschedule my appt with Dr. {dr.last} on {DATE}. My name is {p.full}, DOB {DOB}.",
    "hello this is {p.full} calling abt my lab results, my MRN is {MRN} and u can reach me at {PHONE}",
    "~clean~Patient: {p.lf}\nDOB: {DOB:num}\nMRN: {MRN}\nIns ID: {HPID}\nPCP: Dr. {dr.full}",
    "my mom {pF.full} is {AGE90} and she fell last night 😢 can dr {dr.last} see her tmrw?? her medicare # is {HPID:mbi}",
    "Can you fax the referral to Dr. {dr.full} (NPI {NPI})? Thx",
    "~es~Hola, soy {p.first}, tengo cita el {DATE:es} con la doctora {drF.last} pero no puedo ir 😕 me pueden llamar al {PHONE:mx}?",
    "Re: portal access\n> Your medical record number is {MRN}. Please use it to register.\nok but the portal still says invalid?? i tried {EMAIL} and it won't send the reset link",
    "pls update my address to {ADDR}, {_city} {_state} {ZIP} — {p.full}",
    "FYI my grandfather {pM.first} turned {AGE90} yesterday lol, he wants to know if the flu shot is ok at his age",
    "Dr {dr.last} said to send my readings here. {_lab} this morning, BP 128/80 last night. - {p.first}",
    "I think there's an error on my bill. Account {ACCT}, date of service {DATE:past}. Patient {p.full}.",
    "~clean~NEW PATIENT FORM\nFull name: {p.full}\nDate of birth: {DOB:long}\nSSN: {SSN}\nAddress: {ADDR}, {_city}, {_state} {ZIP}\nPhone: {PHONE:us}\nEmail: {EMAIL}\nEmergency contact: {q.full} {PHONE}",
    "my daughter {qF.first}'s vaccine record says born {DOB:num_kid} but it's actually {DOB:num_kid}!! can someone fix",
    "~fr~Bonjour, je suis {pM.full}, né le {DOB:fr}. J'ai besoin d'un certificat médical pour mon assurance (n° adhérent {HPID}). Merci!",
    "hi its {p.nick}. the pharmacy said dr {dr.last} never sent the rx for {_rxdose}, can u resend to the one on {ADDR:nounit}?",
    "patient {p.full} (MRN {MRN}) no-showed {DATE:past}, pls call back {PHONE:us}",
    "{p.first} here 👋 I'm 34 weeks, can I move my OB appt from {DATE:md} to {DATE:md}?",
    "Hello, I'm writing on behalf of my father, {pM.full}, age {AGE90}. He lives with me at {ADDR}. Please send all correspondence there.",
    "Can u send the after visit summary to {EMAIL} instead of mailing it? thx, {p.first}",
    "I uploaded my insurance card pics here {URL:drive} — member ID is {HPID} in case it's blurry",
    "Dear Dr. {dr.last},\n\nI wanted to follow up on the MRI from {DATE:long_past}. My {_lab} last time and I'm worried.\n\nBest,\n{p.full}\n{PHONE}",
    "She's {AGE90}!! Not 19. Someone typed my grandma's age wrong in the chart, MRN {MRN}",
    "~es~tengo una pregunta sobre la factura {_invoice}, mi número de cuenta es {ACCT}. gracias, {p.first}",
    "~caps~HI THIS IS {p.full} MY HUSBAND {qM.first} HAS AN APPOINTMENT {DATE} AND NEEDS A RIDE. OUR ADDRESS IS {ADDR}",
    "Hi, my son {qM.first} needs a sports physical before {DATE:md}. He was born {DOB:long_kid}. Insurance member # {HPID}",
    "testing the new chat widget from the front desk — provider {dr.full}, NPI {NPI}, DEA {DEA}. ignore pls",
    "the lab called me from {PHONE} about my potassium (5.6?) but i missed it. who do i call back? - {p.full}",
    "Is Dr. {dr.last} in-network w/ my plan? Subscriber ID: {HPID}, subscriber DOB {DOB:num}",
    "Requesting records transfer:\nPatient name - {p.full}\nDOB - {DOB:num}\nPrevious MRN - {MRN}\nSend to: Dr. {dr.full}, fax {PHONE:us}",
    "My wife {qF.full} was seen in urgent care on {DATE:past} and they billed her under my SSN ({SSN}) instead of hers. Please correct.",
    "hey can i get a work note for {DATE:md} and {DATE:md}? i was sick af. {p.full}, dob {DOB:num}",
    "Nurse {q.first} told me to message my glucose readings: 142, 188, 201 fasting. pt: {p.full} MRN:{MRN}",
    "pt {p.fl} dob {DOB:iso} needs prior auth for {_drug}, plan id {HPID}, prescriber NPI {NPI}",
    "~lower~hi i need to cancel my sons appt he has a fever. name is {q.full} born {DOB:md_kid}",
    "~es~Mi abuela {pF.first} tiene {AGE90} años y necesita una visita a domicilio. Dirección: {ADDR:mx}, CP {ZIP}",
    "Could Dr {dr.last} call my daughter {qF.first} at {PHONE}? She's the one who handles my meds now. I'm {AGE90}, eyes aren't great.",
    "Please remove {qF.full} from my HIPAA release. She no longer has permission. -{p.full}",
    "Medicare # {HPID:mbi}, supplemental through AARP, member id {HPID:plan}",
    "i got a letter saying my account {ACCT} went to collections?? i paid it on {DATE:num_past}",
    "dentist appt confirmation for {p.first} - {DATE:long} at {_time} with Dr. {dr.last}. Reply C to confirm",
    ">> From: {EMAIL:q}\n>> Patient: {pF.full}, MRN {MRN}\n>> Results are within normal limits.\nwhat does this mean?? is she ok?",
    "Hey, it's {p.nick} ({p.full} on my chart). Can I get a refill of my inhaler? DOB is {DOB}",
    "my therapist {q.first} said to email the intake forms to {EMAIL:any}, is that the right address?",
    "~es~Recibí un cobro de {_price} pero mi seguro ({HPID}) debería cubrirlo. Paciente: {p.full}",
    "Patient: {p.full}\nAge: {AGE90}\nAllergies: PCN, sulfa\nMeds: {_rxdose} daily\nContact: daughter {qF.first} {PHONE}",
    "is this legit? got a text saying pay your bill here {URL:portal}",
    "Dr. {dr.last}'s telehealth link isn't working for me: {URL:zoom} — {p.first}",
    "{MRN} - that's my MRN. Need my shot records for school, {p.full}",
    # --- pharmacy ---------------------------------------------------------
    "Refill request: {_rxdose}. Patient {p.full}, DOB {DOB}. Prescriber Dr. {dr.full}, DEA {DEA}.",
    "can my sister {qF.first} pick up my meds? my date of birth is {DOB:num} if u need to verify",
    "the register said my insurance got rejected, here's the new card: ID {HPID}, RxBIN 610014, RxPCN 9999",
    "Pay for my rx with the card on file? if not use {CC} exp {EXP} cvv {CVV}",
    "Is there a generic for {_drug}? {_price} a month is insane. acct {ACCT}",
    "Dr. {dr.last}'s office says they e-prescribed {_drug} to your store at {ADDR}, {ZIP}, but I'm not seeing it",
    "~clean~Prescriber: {dr.full}, MD\nNPI: {NPI}\nDEA: {DEA}\nState lic: {LIC:pro}\nPatient: {p.full}\nDOB: {DOB:num}",
    "delivery for {p.full}, {ADDR}, gate code {CRED:gate} 🙏",
    "Please stop auto-refilling my {_drug}. This is for patient {p.full}, born {DOB:long}.",
    "my grandpa is {AGE90} and cant swallow pills, can the {_drug} be crushed? rx is under {pM.full}",
    "Hi, Dr. {dr.full}'s office here. Verbal order for {p.full} ({DOB:num}): {_rxdose} #30. DEA {DEA}, callback {PHONE:us}",
    "is it ok to take {_drug} with ibuprofen? asking for my dad {qM.first}, he's {AGE90}",
    "Can you transfer my prescriptions from the store on {ADDR:nounit} to this one? Name {p.full}, phone {PHONE}",
    "~lower~hey its {p.first} again, did my insurance go thru? member id {HPID}",
    "I got a text from {PHONE} saying my order is ready but I didn't order anything? My name is {p.full}.",
    "Vaccine appt for {p.full} & {q.full} on {DATE:md}, both over 65, insurance {HPID}",
    "Hi! I'm picking up for my neighbor {qF.full}, DOB {DOB:old_num}, she's {AGE90} and can't drive anymore",
    "~es~Quién me puede ayudar? mi receta de {_drug} no aparece. Soy {p.full}, fecha de nacimiento {DOB:es}",
    "Pls charge the copay to my HSA card {CC:visa16}, exp {EXP}",
    "Vet prescription for my dog Biscuit, but it's under my name {p.full} and my phone is {PHONE}",
    "My doctor is {drM.full} at {ADDR}, NPI {NPI} if that helps you find him",
    "~clean~Rx transfer\nFrom: {_store} store {_room}, {PHONE:us}\nPatient: {p.full}\nDOB: {DOB:num}\nMeds: {_rxdose}, {_rxdose}",
    "Does my Medicaid ({HPID:medicaid}) cover the shingles shot? I'm {_agey}.",
    "update my email on file to {EMAIL} and remove {EMAIL:q}",
    "I'm a caregiver for {qF.full} ({DOB:old_long}). Her doctor {dr.full} wants her on a blister pack.",
    "Why was my card {CC} declined for a {_price} copay??? There's plenty of money",
    "To pick up the controlled rx I need ID right? my driver's license # is {LIC:dl}",
    "Pharmacist {q.full}, license {LIC:pro}, verified the transfer. Pt {p.fl}",
    # --- bank ---------------------------------------------------------------
    "I need to set up direct deposit. routing {ABA} account {ACCT}",
    "Someone charged my card {CC} twice at {_store} for {_price}!!! pls help",
    "~clean~wire details:\nBeneficiary: {p.full}\nIBAN: {IBAN}\nBIC: {_bic}\nReference: {_invoice}",
    "~es~hola necesito transferir dinero a mi prima {qF.full} en Madrid, su IBAN es {IBAN:es}",
    "My SSN is {SSN} and DOB {DOB}, can you tell me why my application was declined?",
    "I file taxes with an ITIN ({ITIN}), can I still open a savings account?",
    "Locked out of online banking. Username is {EMAIL}. I don't have my old phone anymore, new number is {PHONE}",
    "Please close account {ACCT} and mail the remaining balance to {ADDR}, {_city}, {_state} {ZIP}.",
    "Dispute: transaction on {DATE:past} for {_price} at {_store}. Card {CC}. I never authorized this.",
    "transfer from {qF.first}'s acct to mine failed? her routing # {ABA} acct # {ACCT}",
    "lost my debit card 😩 last used {DATE:md_past}. please freeze {CC}",
    "~fr~Virement SEPA vers {IBAN:fr} refusé, pourquoi ? Montant 1 250,00 €. Bénéficiaire {q.full}",
    "I'm trying to add my wife {qF.full} as joint owner. Her SSN: {SSN}. DOB: {DOB:num}. Same address as me ({ADDR})",
    "my BTC withdrawal to {BTC} has been pending 3 days, tx fee was taken already",
    "send the 1099 to {EMAIL}, not the old yahoo one",
    "FRAUD ALERT?? got a text from {PHONE} asking me to confirm my PIN. I did NOT give it. my card is {CC}",
    "for the loan app: employer {_store}, income $58k, SSN {SSN}, address {ADDR} {ZIP}, 4 yrs at address",
    "Hi, I'm the executor for my late father {qM.full}'s estate. His account number was {ACCT} and his SSN {SSN}. What do you need from me?",
    "Can someone explain why {ACCT} shows a {_price} overdraft fee?",
    "ITIN: {ITIN}\nName: {p.full}\nPhone: {PHONE:mx}\nDirección: {ADDR}, {_city} {_state} {ZIP}",
    "I want to pay my credit card bill from my checking. ABA: {ABA}, Acct: {ACCT}. The card is {CC:mc}",
    "~lower~my pin for the debit card is {CRED:pin} right? i keep getting it wrong lol",
    "Rent split: send to {IBAN:gb} ({p.full}), ref FLAT {_n}",
    "Hallo, meine neue IBAN ist {IBAN:de}, bitte für die Lastschrift ändern. Danke, {p.full}",
    "Hi there, new card arrived but the chip doesn't work. Card {CC}, exp {EXP}. Can you send another to {ADDR}?",
    "Amex {CC:amex} CID {CVV:amex} exp {EXP} — trying to add it to my wallet and it fails",
    "zelle to {q.first} at {PHONE} didn't go through, it says recipient not enrolled",
    "Please update beneficiary: {qF.full}, relationship daughter, DOB {DOB:long_kid}, SSN {SSN}",
    "Is {ABA} the right routing number for wires or only ACH? acct {ACCT}",
    "Paypal says my bank account {ACCT} is already linked to {EMAIL:any}?? that's not me",
    "My tax preparer {q.full} needs my ITIN letter. ITIN is {ITIN} if that helps",
    "online banking login: {EMAIL} / {CRED:pw} — it says my account is locked",
    "Received €{_n}00 from {IBAN} but I don't know the sender. Should I be worried?",
    "~caps~PLEASE CALL ME AT {PHONE} ABOUT THE CHARGE ON {DATE:past}. THIS IS {p.full}",
    "Trying to verify micro-deposits for acct {ACCT} routing {ABA}, they never showed up",
    "Can I get a letter confirming my account? It's for my visa appointment on {DATE:long}. Passport no. {PASSPORT}",
    "My mom is {AGE90} and I have POA. Her checking account {ACCT}, she lives at {ADDR}. How do I add myself?",
    "crypto withdrawal address: {BTC}\namount: 0.015 BTC\npls confirm",
    "discover card {CC:discover} keeps getting declined online, billing zip {ZIP}",
    "auto loan payoff quote for VIN {VIN}? loan acct {ACCT}",
    "W-7 finally approved 🎉 ITIN {ITIN}. Can I link it to my account now?",
    "here's my W-2 for the mortgage people: {URL:dropbox}",
    "{CC} {EXP} {CVV}",
    "{IBAN:de}",
    "{ACCT} is my account number, the one you asked for",
    "Card: {CC:jcb}\nExp: {EXP}\nSecurity code: {CVV}\nName on card: {p.full}",
    "my diners club {CC:diners} isn't working abroad, I'm in Lisbon rn",
    "UnionPay {CC:unionpay} — do you accept it for international transfers?",
    "maestro card no. {CC:maestro} expired {EXP}?? the new one never arrived",
    "Pls refund {CC:visa13} (old visa) not my mastercard {CC:mc2}",
    "Discover {CC:discover19} — 19 digits, is that normal? site only lets me type 16",
    "the visa {CC:visa19} from the credit union is the one i want to use",
    "debit {CC:maestro12} got eaten by the ATM at the gas station",
    "Reembolso a mi tarjeta {CC}, vence {EXP}. Gracias, {p.first}",
    # --- marketplace -----------------------------------------------------
    "yo is the couch still available? I can pick up sat, text me {PHONE}",
    "buyer says pay via zelle to {EMAIL:any} — is that legit or scam?",
    "Selling my iPhone 13, IMEI {IMEI}, unlocked, $420 obo",
    "here's the VIN for the Civic: {VIN}. clean title, {_miles} miles",
    "can we meet at {ADDR:nounit}? it's the Starbucks parking lot, I'll be in a red Jeep",
    "~clean~Ship to:\n{p.full}\n{ADDR}\n{_city}, {_state} {ZIP}\nUSA",
    "u can venmo me here {URL:venmo} or cash is fine",
    "The seller {q.first} wants my card number {CC} over chat?? is that normal",
    "more photos of the dresser here → {URL:listing}",
    "Before I buy: can you send the IMEI so I can check it's not blacklisted?\n> sure: {IMEI}",
    "Hi {q.first}! Still interested in the stroller. I'm at {ADDR}, can you drop it off? Will pay {_price}",
    "ok deal. my name's {p.nick}, number is {PHONE}, I'll be there around 6",
    "Truck VIN is {VIN} — carfax shows one accident in {_year}",
    "Returning item from order {_order}. Refund to {CC}, it's the card I paid with",
    "Seller never shipped. I paid {_price} to {EMAIL:any} on paypal friends & family 🤦",
    "Can u ship to Canada? {p.full}, {ADDR:ca}, {_city} {_state} {ZIP}",
    "~es~la dirección para el envío es {ADDR:mx}, col. Roma Norte, {_city}, CP {ZIP} ✌️",
    "selling my old router, MAC is {MAC} if you want to check it against the stolen list lol",
    "~fr~envoyez le colis à {p.full}, {ADDR:fr}, {ZIP} {_city} svp",
    "Crypto ok? send to {BTC} and I'll ship same day",
    "The Samsung's IMEI: {IMEI} / second IMEI: {IMEI}",
    "whoever bought the bike: pick up at {ADDR}, code for the garage is {CRED:gate}",
    "{p.first}: is the price negotiable?\n{q.first}: {_price} firm\n{p.first}: ok i'll take it, send address\n{q.first}: {ADDR}",
    "my shop is {URL:site}, we also do custom orders. email {EMAIL:work}",
    "car listed as 2018 but VIN {VIN} decodes to a different year?? check digit is fine tho",
    "Hi, I'm {p.full} from the listing. Can you send your number? Mine is {PHONE:intl}",
    "My subscription id is {UUID}, please cancel before it renews",
    "Paid {_price} for a \"new\" phone and the IMEI ({IMEI}) shows it was reported lost. What now?",
    # --- delivery --------------------------------------------------------
    "driver can't find the building. it's {ADDR}, buzz {CRED:gate} at the side door",
    "Leave at door pls. gate code is {CRED:gate}# and my number is {PHONE}",
    "order {_order} never showed up. my addr is {ADDR} {ZIP}",
    "@driver I'm at the back entrance, my roommate {q.first} will grab it",
    "Can you change the delivery address to my office: {ADDR}, {_city} {ZIP}? Thanks! - {p.nick}",
    "Door code {CRED:gate}, 3rd floor, ask for {p.first} at reception",
    "The driver, {q.first} I think, took my package back?? tracking {_tracking}",
    "Delivery instructions: {ADDR} — blue house, dog in yard, call {PHONE} when here",
    "~lower~wrong address on my order!!! should be {ADDR} not the old one",
    "~fr~Livraison : {ADDR:fr}, {ZIP} {_city}. Code portail {CRED:gate}. Merci !",
    "Hi, this is {p.full}. Driver left my groceries at {ADDR}, which is my neighbor's. Mine's next door.",
    "My grandma ({AGE90}) can't come down the stairs, please bring it up to {ADDR:unit}",
    "Pls deliver to the lobby desk. Recipient: {p.full}, phone {PHONE:us}, building {ADDR:nounit}",
    "Your driver {q.first} was amazing 🙌 please pass it on",
    "lockbox code for the keys is {CRED:gate}, address {ADDR}, {_city}",
    "~caps~DO NOT RING THE BELL, BABY SLEEPING. {ADDR}",
    "~es~Entrega en {ADDR:mx}, {_city}. Preguntar por {p.first} en la caseta. Tel {PHONE:mx}",
    "The receipt shows someone else's card {CC} charged? I paid with Apple Pay",
    "your app keeps dropping my unit number. full address: {ADDR:unit}, {ZIP}",
    "Order for {p.full}: deliver to {ADDR} between 6-8pm, contact {EMAIL} or {PHONE}",
    "buzzer is broken, text {PHONE} and {q.nick} will come down",
    # --- airline ---------------------------------------------------------
    "Booking {_conf} — passenger name is misspelled as {p.mis}, should be {p.full}",
    "Passport number {PASSPORT:mx}, expires {DATE:num}, nationality MEX, DOB {DOB:num}",
    "my grandmother ({AGE90} years old) needs a wheelchair at the gate, flight {_flight}, confirmation {_conf}",
    "Please refund to the card I used: {CC:amex}",
    "~clean~Name: {p.full}\nPassport: {PASSPORT}\nDOB: {DOB:iso}\nFlight: {_flight}\nSeat: {_seat}",
    "Travelling with my son {qM.first} (born {DOB:long_kid}) - does he need his own passport? Mine is {PASSPORT}",
    "lost bag on {_flight}, file ref {_conf}. deliver to {ADDR}, {_city} {ZIP}, contact {PHONE:intl}",
    "can I add my wife {qF.full} to booking {_conf}? her passport is {PASSPORT} and DOB {DOB:num}",
    "~es~¿Puedo cambiar mi vuelo {_flight} del {DATE:es} al {DATE:es}? Reserva {_conf}, a nombre de {p.full}",
    "~fr~Mon vol {_flight} du {DATE:fr} a été annulé. Je m'appelle {p.full}, téléphone {PHONE:fr}",
    "The agent {q.first} at the counter said to message here. PNR {_conf}, my email on file {EMAIL}",
    "Unaccompanied minor form:\nChild: {q.full}\nDOB: {DOB:num_kid}\nPickup adult: {r.full}\nPickup phone: {PHONE}\nPickup ID: driver license {LIC:dl}",
    "my passport {PASSPORT:us2} expires {DATE:long}, can I still fly to Cancún?",
    "Paid for seats with {CC}, exp {EXP}, and got charged twice ({_price} x2)",
    "I'm {AGE90} and need assistance boarding. Flight {_flight} on {DATE:md}. Name on ticket: {p.full}",
    "Visa application asks for my host's info: {q.full}, {ADDR:uk}, {_city} {ZIP}, phone {PHONE:uk}",
    "the airline emailed {EMAIL} but I never got the boarding pass. conf {_conf}",
    "Please update passport info for {p.full}: new number {PASSPORT}, issued {DATE:num_past}, expiry {DATE:num}",
    "My flight got cancelled and I need a hotel voucher. Reach me on WhatsApp {PHONE:intl}",
    "~caps~NAME ON TICKET IS WRONG. SHOULD BE {p.full}. CONFIRMATION {_conf}",
    "Child's passport {PASSPORT:fr} (she was born {DOB:eu_kid} in Lyon), mine {PASSPORT:fr}",
    "Checked in but it says 'passport number invalid'. I entered {PASSPORT}. Date of birth {DOB:long}.",
    "Emergency contact for the trip: {q.full}, {PHONE}",
    "Fwd:\n> Dear {p.full}, your flight {_flight} departs {DATE:long} at {_time} from gate {_gate}.\nis this email legit? it came from a weird address",
    "Refund should go to IBAN {IBAN}, account holder {p.full}. I don't have the card anymore",
    "my indian passport {PASSPORT:in} and OCI card are both with me, my wife {qF.first} has hers too",
    "Passport: {PASSPORT:ng} | DOB: {DOB:eu} | Name: {p.full} | Phone: {PHONE:ng}",
    # --- IT helpdesk -----------------------------------------------------
    "my laptop can't connect to VPN. IP is {IP}, MAC {MAC}",
    "Reset my pw pls, the temp one you gave me ({CRED:pw}) doesn't work",
    "Getting 403 on {URL:helpdesk}. request id {UUID}",
    "our staging server {IP:pub} is refusing ssh since the {_version} update",
    "here's the api key for the test env: {CRED:api} — rotate after",
    "New hire {p.full} starts {DATE}. email should be {EMAIL:work}, needs laptop + badge",
    "printer on 3rd floor has MAC {MAC} and static ip {IP:private}, can u whitelist",
    "device enrollment failing, IMEI {IMEI}, user {p.first} in accounting",
    "wifi pw for the guest network is {CRED:wifi} fyi",
    "ipv6 {IP:v6} keeps getting blocked by the firewall",
    "Ticket {_ticket}: user {p.full} ({EMAIL:work}) locked out after 5 attempts",
    "tenant id {UUID}, client secret {CRED:api}. plz dont paste in slack lol",
    "can't log into jira, my user is {EMAIL:work} and pass is {CRED:pw}",
    "pasting the error:\n```\nERROR: connection to {IP:private}:5432 failed\nrequest_id={UUID}\n```",
    "AWS key got committed to github 😬 {CRED:aws}, please revoke ASAP",
    "VPN client on {IP:v6} drops every 5 min. laptop MAC {MAC}, Windows 11 build 22631",
    "phone lost. company iPhone, IMEI {IMEI}. please wipe. I'm {p.full} in sales",
    "can you set up email on the new phone for {pF.full}? her address is {EMAIL:work}",
    "The shared drive link {URL:docs} gives access denied for {q.first}",
    "MFA reset request for {EMAIL:work}. new phone number {PHONE}",
    "Suspicious login from {IP:pub} at {_time}, was that you {q.first}?",
    "door badge not working. employee {p.full}, building A. also the keypad code {CRED:gate} doesn't work anymore",
    "jwt expired? token: {CRED:jwt}",
    "Laptop LPT-0042 (MAC {MAC}) needs reimaging, user {p.fl}",
    "ssh ubuntu@{IP:pub} hangs, security group should allow my ip {IP:pub}",
    "Password for the conference room tablet is {CRED:pw} if anyone needs it",
    "github token {CRED:gh} has expired, who can issue a new one?",
    "Hey {q.first}, I'm OOO {DATE:md}–{DATE:md}, {r.first} is covering my tickets",
    "Can't reach {URL:helpdesk} from home. My IP is {IP:pub}. Traceroute dies at hop 7",
    "Router admin creds: admin / {CRED:pw}. Don't change them pls",
    "My voicemail PIN got reset to {CRED:pin}? I didn't do that",
    "Onboarding: {p.full}, personal email {EMAIL}, cell {PHONE}, start {DATE:long}, manager {q.full}",
    "DHCP reservation plz: {MAC} -> {IP:private}",
    "Asset tag 004821, serial C02XK0XXJGH5, MAC {MAC}",
    "Slack bot token leaked in the channel: {CRED:slack}. I've deleted the message",
    "~lower~hi its {p.first} from hr, my computer says 'your password expires in 3 days' but when i change it to {CRED:pw} it says too weak??",
    "Here's my linkedin if you need it for the referral: {URL:linkedin}",
    "book a slot with me for the laptop handoff: {URL:calendly}",
    "survey for the IT satisfaction thing → {URL:form}",
    "my scripts are here {URL:github}, the vpn one needs the token {CRED:api}",
    "Device {UUID} shows non-compliant in Intune, IMEI {IMEI}",
    "{IP:private} is the printer, {IP:private} is the NAS, don't mix them up again 😅",
    # --- friends & family ------------------------------------------------
    "omg {qF.first} just had the baby!!! born {DOB:md_kid} at 3:12am 💕 8 lb 2 oz",
    "mom's new number is {PHONE}, save it",
    "Netflix password is {CRED:pw} don't change it again {q.nick} 😤",
    "the door code for the airbnb is {CRED:gate}, address {ADDR}",
    "grandpa {pM.first} is turning {AGE90} on {DATE:md}!! party at aunt {qF.first}'s",
    "can u venmo me for dinner? or just zelle {PHONE}",
    "{qF.first} says hi! she moved to {ADDR}, {_city} btw",
    "lmk if {r.first} and {q.first} are coming sat",
    "ugh I left my wallet at ur place. can u read me the card number? nvm found a pic: {CC} exp {EXP}",
    "happy bday {q.first}!!! 🎂🎉 can't believe ur {_agey}",
    "~lower~hey whats ur email again? mine is {EMAIL} if u want to send the pics",
    "~es~Tía {qF.first} cumple {AGE90} años el {DATE:es} 🎉 vamos todos a su casa",
    "~fr~Mon numéro a changé : {PHONE:fr}. Bisous, {p.first}",
    "wifi at grandma's is {CRED:wifi} (capital letters matter)",
    "Did {qF.full} ever pay you back? she owes me $40 lol",
    "{qF.first}'s flight lands at {_time}, can you grab her? she'll text from {PHONE:intl}",
    "~caps~{q.first} WHERE ARE YOU, CALL ME {PHONE}",
    "Forwarding this from {q.first}:\n> hey can u send me ur SSN for the lease app? it's {SSN} right?\nshould I be sending this over text 😬",
    "Mom wants everyone's info for the family insurance thing. Mine: DOB {DOB:num}, SSN {SSN}. {q.first} send yours",
    "remember {rF.first}? from {_store}? she's marrying {s.first} on {DATE:long}!!",
    "The address for the shower is {ADDR}, {_city} {_state} {ZIP}. Bring a dish!",
    "new phone who dis 😂 jk it's {p.nick}",
    "Dad's passport expired {DATE:num_past}?? his number is {PASSPORT}, he needs to renew before the trip",
    "ok so the gate code is {CRED:gate} and then it's the 3rd door on the left. ring twice lol",
    "yo {q.first} what's the pin for the shared card again, {CRED:pin} or the other one?",
    "Remember to wish {q.first} happy birthday, it's {DOB:md} 🎈",
    "Bisabuela {qF.first} turned {AGE90} today and still beats everyone at dominoes 😂",
    "{q.first} and {r.first} are sharing a room, {s.first} gets the couch",
    "{w.first} is coming too, and {v.first} said maybe. Sunny out so bring sunscreen",
    "Can you text me {q.first}'s address? I want to send a card",
    "{q.first} got a used car, VIN on the paperwork is {VIN}, can u check it on the recall site",
    "📍 {ADDR}, {_city}\ncome at 7, bring {w.first}",
    "I'm at {qF.first}'s, her landline is {PHONE} if my cell dies",
    "Uncle {qM.first} is at Mercy General, room {_room}. He's {AGE90} so pray for him 🙏",
    "sending {qF.first} $50 for her bday, her zelle is {EMAIL:q}",
    "Hey it's {p.first} ({r.first}'s cousin) - are you still selling concert tix?",
    "the bitcoin address {q.first} gave me is {BTC}, does that look right?",
    "~lower~{q.first} and i got engaged!!!! 💍 wedding is {DATE:md} save the date",
    "Forgot to tell u, {w.first} from work says hi. Also {v.first} asked about u",
    "lol {qM.nick} just called me from {PHONE:intl}, is he abroad??",
    "look at the photos from the trip {URL:photos} 😍 {q.first} looks so good",
    "follow {qF.first}'s cooking page {URL:tiktok} she's blowing up",
    "Grandma {qF.first} ({AGE90}y/o!!) wants to learn facetime, her ipad email is {EMAIL:q}",
    "{w.full} and {v.full} are the witnesses on the lease, FYI",
    "{q.full}\n{ADDR}\n{_city}, {_state} {ZIP}\n^ send the wedding invite there",
    "Nana was born {DOB:long_old} and she's {AGE90} now, still drives 😅",
    # --- mixed / general -------------------------------------------------
    "can u call me back at {PHONE} or {PHONE}? whichever, thx",
    "My name is {p.full}, my email is {EMAIL}, my phone is {PHONE}, and my date of birth is {DOB}. Anything else?",
    "Name: {p.full} / DOB: {DOB:num} / Policy #: {HPID} / Phone: {PHONE}",
    "\"{p.full}\" <{EMAIL}> wrote:\n> Please confirm your address: {ADDR}\nyes that's right",
    "{EMAIL}",
    "zip is {ZIP}",
    "{PHONE}",
    "ssn {SSN}",
    "{p.full}",
    "It's {p.first}. {SSN}. Born {DOB:num}. Is that enough to verify?",
    "Rental car: driver {p.full}, DL# {LIC:dl}, DOB {DOB:num}, card {CC}",
    "My nursing license {LIC:pro} is up for renewal, does the hospital reimburse? - {p.first}, RN",
    "UK driving licence number {LIC:uk}, is that accepted for the rental in Florida?",
    "verifying my identity: license {LIC:dl}, expires {DATE:num}, address on it is {ADDR}",
    "Contact me at {EMAIL:work} (work) or {EMAIL} (personal). Cell: {PHONE}.",
    "~caps~MY ACCOUNT NUMBER IS {ACCT} AND I WANT TO SPEAK TO A MANAGER",
    "postcode {ZIP:uk}, not the old one",
    "código postal {ZIP:mx}, colonia Centro",
    "{DOB} is my birthday, not the date you have",
    "\"{CRED:pw}\" is what I typed, exactly like that",
    "Account: {ACCT}\nRouting: {ABA}\nName: {p.fl}",
    "i'm {p.first} (they/them), {qF.first}'s partner, she asked me to reach out about her claim",
    "Hi! {p.first} & {q.first} here, checking in for the {_day} reservation under {p.last}",
    # --- extra coverage for rarer identifier types ----------------------
    "cvv is {CVV}",
    "security code {CVV} exp {EXP}, zip {ZIP}",
    "Card {CC:mc} / {EXP} / {CVV} — for the deposit on the venue",
    "the 3 digits on the back are {CVV}, the card is {CC:visa16}",
    "~es~número de tarjeta {CC}, fecha de vencimiento {EXP}, código de seguridad {CVV}",
    "~clean~Cardholder: {p.full}\nCard number: {CC}\nExpiry: {EXP}\nCVC: {CVV}\nBilling postcode: {ZIP:uk}",
    "~es~mi ITIN es {ITIN} y mi esposo no tiene, podemos abrir cuenta juntos?",
    "Taxpayer ID (ITIN): {ITIN}\nName: {p.full}\nDOB: {DOB:num}",
    "the tax form rejected my ITIN {ITIN}, says it doesn't match the name {p.full}",
    "Pharmacy asked for Dr. {drF.last}'s DEA number, it's {DEA} per her office",
    "Rx from {dr.full} (DEA {DEA}, NPI {NPI}) for {p.fl}, {_rxdose}",
    "~lower~dea {DEA} npi {NPI} for dr {dr.last}, pt {p.full}",
    "Billing question: rendering provider NPI {NPI} vs group NPI {NPI}, which one goes on the claim?",
    "Dr. {drF.full}'s NPI is {NPI}, can you add her to my care team",
    "trace id {UUID} in the logs, same error as yesterday",
    "correlation-id: {UUID}\nstatus: 500\nuser: {EMAIL:work}",
    "Your app shows my booking id as {UUID} but the email says {_conf}??",
    "machine id {UUID} isn't enrolled, can you push the profile again",
    "send the 0.02 to {BTC} pls, not the old wallet",
    "is {BTC} a legit address? someone on marketplace wants me to pay there",
    "~lower~my wallet addy is {BTC}",
    "Routing number {ABA} — is that for checking or savings?",
    "~clean~Direct deposit form\nEmployee: {p.full}\nBank routing #: {ABA}\nAccount #: {ACCT}\nType: Checking",
    "payroll says routing {ABA} is invalid?? I copied it right off my check",
    "Chart #{MRN} for {p.full}, please merge with the duplicate chart {MRN}",
    "~lower~mrn {MRN} dob {DOB:num} pt is asking about her results",
    "my kid's hospital number (MRN) is {MRN}, her name is {qF.full}",
    "last year's W-2 had my SSN wrong, it shows {SSN} but it's {SSN}",
    "~es~mi número de seguro social es {SSN}, lo necesitan para el crédito?",
    "insurance quote for {VIN}, it's a 2019 Camry, garaged at {ADDR}",
    "~lower~vin {VIN} mileage {_miles}, asking 14k",
    "IMEI {IMEI} — carrier says it's locked to them, can you unlock?",
    "Medicare card came: {HPID:mbi}. Do I give this to the front desk or the pharmacy?",
    "~clean~DEA Registration: {DEA}\nPractitioner: {dr.full}\nSchedules: 2, 2N, 3, 3N, 4, 5",
    "fax from Dr. {dr.last}'s office is blurry, is the DEA {DEA}? can't read the last digit",
    "ITIN {ITIN} / EIN pending — can the LLC account be opened with that?",
    "~lower~itin {ITIN}",
    "Recall notice says VIN {VIN} but the one on my dash is {VIN}, which one is right?",
    "Withdraw to {BTC} please, the legacy address is old",
    "Wake-on-LAN target {MAC}, hostname desk-22, owner {p.first}",
    "~lower~mac addr {MAC} ip {IP}",
    "My license number is {LIC:dl} and it expires {DATE:num}, do I need a new one for REAL ID?",
    "Dr. {drF.last}'s medical license {LIC:pro} — is she board certified?",
    "Second-hand Pixel, IMEI {IMEI}, is it still financed?",
]

NEGATIVE = [
    "Hi, my order {_order} still says processing, it's been 9 days. Can someone check?",
    "Flight {_flight} delayed again?? gate changed to {_gate}, boarding at {_time}",
    "The tracking number {_badcard} doesn't work on your site",
    "I was charged {_price} but the listing said {_price}. Please fix.",
    "Will do, thanks! Grace period ends Friday right?",
    "Is 500 mg of {_drug} twice a day too much? Doc said to start with {_dose}",
    "my A1c came back 6.9 and LDL 141, is that bad",
    "App keeps crashing on v{_version} after the update",
    "Confirmation code {_conf}. Can I switch to an aisle seat? Currently in {_seat}",
    "Part number {_product} — do you have it in stock?",
    "BP this morning was 128/84 and HR 72. Better than yesterday",
    "Who's bringing the chips sat? I can do Dr Pepper and ice",
    "Main Street is closed for the parade so the driver should use the back alley",
    "hope u feel better!! 💐",
    "Mark my ticket {_ticket} as resolved pls",
    "Bill me later option isn't showing at checkout",
    "we're 4 adults and 2 kids (ages 6 and 9), any family seating?",
    "The 90-day supply is cheaper w/ mail order?",
    "Is the Jordan 4 restock happening {_day}?",
    "took the 5th Avenue bus to the clinic, running 10 min late",
    "~caps~REF {_invoice}: PAYMENT RECEIVED, THANK YOU",
    "Our router firmware is 2.4.10.3 — is that the latest?",
    "Error 0x80070005 when installing KB5034441",
    "server returned 502 at {_time}, request took 3400ms",
    "ts={_epoch} level=ERROR msg=\"timeout contacting upstream\" retries=3",
    "the Rose gold one or the silver? can't decide",
    "2 bottles of Dawn, 1 Tide pods, 3 Summer sausage",
    "Sunny side up or scrambled? lol what do u want for brunch",
    "Room {_room} AC is broken, and the wifi keeps dropping",
    "Is the store next to the McDonald's on Highway 6 still open?",
    "Wells Fargo app down for anyone else??",
    "order total {_price}, promo code {_promo} didn't apply",
    "Invoice {_invoice} is due net 30",
    "Lot 4J88213 exp 11/2026 — is this batch recalled?",
    "Take 1 tab PO q8h prn pain, max 3 tabs/24h",
    "The model number on the fridge is {_product}",
    "Seat {_seat} → {_seat} please, my knee is bad",
    "got 3 missed calls from a 1-800 number, was that you guys?",
    "Is the 4:30 pickup still on? 🤞",
    "My package {_tracking} says delivered but nothing here",
    "Lab: WBC 11.2, Hgb 10.9, Plt 245. Dr said recheck in 2 wks",
    "temp 101.3F since last night, should we come in?",
    "Gate {_gate} or {_gate}? The app says two different things",
    "The code SAVE20 expired? Says invalid",
    "Hunter green or navy for the bridesmaids?",
    "My son is 7 and weighs 52 lb, how much children's Motrin?",
    "I'm 67, do I need the RSV shot?",
    "Grandma's turning 89 next month!! any ideas for a gift?",
    "~caps~FAILED LOGIN ATTEMPTS: 5. ACCOUNT TEMPORARILY LOCKED FOR 30 MIN",
    "cpu at 98%, disk 87% full, RAM 15.6/16 GB",
    "the Amber alert woke everyone up lol",
    "Crystal clear instructions, thanks",
    "Frank question: is the premium plan worth it?",
    "Penny the dog ate a sock again 🙄 vet says she's fine",
    "heading down Wall Street now, traffic is insane",
    "the Abbey Road crossing was packed, couldn't get a pic",
    "Ref no. {_badcard} from the transfer receipt",
    "Can I pay in 4 installments of $62.50?",
    "We land at 22:40 local, terminal 2",
    "is bag drop open at 4am?",
    "upgrade from 16.4.1 to 17.5 bricked my phone",
    "Version 3.2.1 release notes say 'fixed crash on launch' but it still crashes",
    "The pharmacy hours on Sunday are 10-6?",
    "Insulin pens: 3 boxes x 5 pens x 300 units",
    "Ozempic 0.25 mg weekly for 4 weeks, then 0.5",
    "I need the 2024 1099-INT, not the 2023 one",
    "Rate is 5.25% APY through the end of the quarter?",
    "Transfer of $1,500.00 shows pending since Tuesday",
    "Can I split the $84 dinner 3 ways on the app?",
    "Deliver between 6-8pm pls, dog barks but is friendly",
    "Driver went to the wrong Oak Street, there are two in town",
    "Code 404 on the checkout page, Chrome 126.0.6478.127",
    "disk /dev/sda1 at 96%",
    "can you do 1200 for the couch? cash only",
    "Still available? Is it the 2019 or 2021 model?",
    "Do you ship to Canada? or just the lower 48",
    "crib mattress is 28x52 inch, smoke free home",
    "iPhone 15 Pro 256GB, battery health 91%",
    "my grandpa was in the hospital 92 days after the surgery, finally home",
    "Room 94, bed B. What are visiting hours?",
    "ugh the 7:45 train is cancelled",
    "~caps~FLIGHT UA 920 TO SFO IS IT ON TIME",
    "1x large pepperoni, 2x garlic knots, 1 Diet Coke = $31.47",
    "Do you have Tylenol 8HR 650mg in stock?",
    "Is there a copay for the 3-month supply of {_drug}?",
    "Baggage allowance 23kg, carry-on 7kg?",
    "Heart rate variability 48ms, resting HR 58, VO2 max 41",
    "Tried factory reset, holding power + vol down 10 sec, nothing",
    "Replacement toner is HP 58A / CF258A?",
    "Error: SSL handshake failed (code 525)",
    "Gonna be late, stuck on I-95 near exit 12",
    "Can we do the call at 3pm EST instead of 2?",
    "Sorry wrong chat lol",
    "Reservation for 6 at 7:30, patio if possible",
    "~es~hola, a qué hora abren mañana? necesito recoger un pedido",
    "~fr~Bonjour, le colis n° {_tracking} est bloqué depuis lundi",
    "~es~Pedido {_order}: llegó incompleto, faltan 2 piezas",
    "~es~Mi vuelo {_flight} sale a las {_time}, ¿puedo documentar antes?",
    "Your dosage: metformin 500mg BID with meals. Recheck A1c in 3 months.",
    "Please confirm qty: 12 units @ $4.99 = $59.88",
    "Booking ref {_conf}, 2 adults, check-in 3pm",
    "The Ford dealership quoted me $389/mo for the lease",
    "Mercedes service said the brake pads are at 3mm",
    "only 4,812 steps today lol",
    "Did you try turning it off and on again? Restart the print spooler then",
    "Pick up at door 5, terminal B, look for the white Toyota",
    "Ticket {_ticket}: cannot reproduce on build {_version}",
    "Refill too soon? Last fill was 23 days ago for a 30-day supply",
    "Can I get 2 x 24-packs of Dr Pepper Zero",
    "Package dims 24x18x12 in, 31 lb",
    "Phone model: SM-S918B/DS, build S918BXXS3BWK5",
    "Call ext. 4417 for billing",
    "the part number is {_product}, it fits the 2018 model",
    "Wire cutoff is 4pm ET, anything after goes next business day",
    "order #{_order} and order #{_order} were both charged, pls refund one",
    "My gift card balance shows {_price} but I loaded $100",
    "~lower~is the pharmacy drive thru open till 9 on {_day}",
    "Flight {_flight} → {_flight}, layover 1h10, is that enough?",
    "TSH 4.8, free T4 0.9 — doc wants to up the levo to 88mcg",
    "Who ordered the Jasmine rice? there's 3 bags here",
    "ok I'll Mark it as done then",
    "Summer schedule starts next week, we close at 5 on Fridays",
    "\"Joy\" is the name of the candle scent, not a person lol",
    "> Your order has shipped!\n> Order {_order}\n> Est. arrival: 3-5 business days\nwhy does it say 3-5 if I paid for 2-day",
    "Order: {_order}\nItems: 3\nSubtotal: {_price}\nTax: $4.12\nTotal: {_price}",
    "~lower~does the 25mg come in a liquid? my kid cant do pills",
    "can someone explain what ICD-10 code E11.9 means on my bill",
    "CPT 99214 billed twice? I only saw the doctor once",
    "New build 4.12.0.1883 is live on staging",
    "Budget: 2.4k for flights, 1.8k hotel, 600 food",
    "Is the Discover It card worth it? or stick with Chase",
    "Apple Pay keeps saying 'card not supported' 🙃",
    "Leave it with the guy at the front desk, he's there till 10",
    "The Lincoln Center show was amazing btw",
    "Bonjour, vous livrez le dimanche ? Merci d'avance",
    "we're on the 14th floor, elevator B, suite number on the door",
    "~caps~WHY IS MY ORDER {_order} STILL NOT HERE",
    "Price went from $12.99 to $15.49 overnight?? 😡",
    "Sandy beaches, 30°C, wifi 200 Mbps — booking it",
    "The model ref on the box: {_product}. Same as yours?",
]


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------
TOKEN_RE = re.compile(r"\{([A-Za-z_][\w.]*)(?::(\w+))?(?:@(\w+))?\}")
FLAG_RE = re.compile(r"^~([\w,]+)~")

ALIASES = {
    "CC": "CREDIT_CARD", "CVV": "CARD_CVV", "EXP": "CARD_EXPIRY", "SSN": "US_SSN", "ITIN": "US_ITIN",
    "EMAIL": "EMAIL", "PHONE": "PHONE", "IBAN": "IBAN", "ABA": "ABA_ROUTING", "NPI": "NPI",
    "DEA": "DEA_NUMBER", "MRN": "MEDICAL_RECORD_NUMBER", "HPID": "HEALTH_PLAN_ID", "ACCT": "ACCOUNT_NUMBER",
    "LIC": "LICENSE_NUMBER", "PASSPORT": "PASSPORT", "DATE": "DATE", "DOB": "DATE_OF_BIRTH",
    "AGE90": "AGE_OVER_89", "ZIP": "POSTAL_CODE", "ADDR": "STREET_ADDRESS", "IP": "IP_ADDRESS", "URL": "URL",
    "MAC": "MAC_ADDRESS", "IMEI": "IMEI", "VIN": "VIN", "UUID": "UUID", "BTC": "CRYPTO_ADDRESS",
    "CRED": "CREDENTIAL",
}
ALL_TYPES = sorted(set(ALIASES.values()) | {"PERSON"})
CASE_OK = {"PERSON", "EMAIL", "STREET_ADDRESS", "DATE", "DATE_OF_BIRTH", "POSTAL_CODE"}
COUNTRIES = {"us", "uk", "fr", "mx", "de", "ca"}

ABBREV = {"you": "u", "your": "ur", "please": "pls", "thanks": "thx", "because": "bc", "tomorrow": "tmrw",
          "really": "rly", "okay": "ok", "about": "abt", "appointment": "appt", "people": "ppl",
          "though": "tho", "probably": "prob", "before": "b4", "tonight": "tonite", "message": "msg"}
KEYBOARD_NEAR = {"a": "s", "s": "a", "e": "r", "r": "e", "i": "o", "o": "i", "n": "m", "m": "n", "t": "y",
                 "h": "j", "l": "k", "d": "f", "u": "y", "c": "v"}


def typo_text(R, s, rate):
    def repl(m):
        w = m.group(0)
        lw = w.lower()
        if lw in ABBREV and R.random() < 0.5:
            return ABBREV[lw]
        if len(w) >= 5 and R.random() < rate:
            op = R.choice(["swap", "drop", "dup", "near"])
            i = R.randint(1, len(w) - 3)
            if op == "swap":
                return w[:i] + w[i + 1] + w[i] + w[i + 2:]
            if op == "drop":
                return w[:i] + w[i + 1:]
            if op == "dup":
                return w[:i] + w[i] + w[i:]
            c = w[i]
            return w[:i] + KEYBOARD_NEAR.get(c, c) + w[i + 1:]
        return w
    return re.sub(r"[A-Za-z]+", repl, s)


class Msg:
    def __init__(self, R, flags):
        self.R = R
        self.flags = flags
        self.people = {}
        self.locs = {}
        self.cache = {}

    def person(self, key):
        gender = None
        if len(key) > 1 and key[-1] in "FM":
            key, gender = key[:-1], key[-1]
        if key not in self.people:
            R = self.R
            cultures = None
            if key in ("w", "v"):
                cultures = ["wordname"]
            else:
                for lang, cs in LANG_CULTURES.items():
                    if lang in self.flags and R.random() < 0.8:
                        cultures = cs
            for _ in range(50):
                p = Person(R, cultures, gender)
                if all(p.first != o.first and p.last != o.last and p.nickname != o.nickname
                       for o in self.people.values()):
                    break
            self.people[key] = p
        return self.people[key]

    def loc(self, key, country=None, unit=None):
        if key not in self.locs:
            self.locs[key] = Loc(self.R, country or "us", unit)
        return self.locs[key]

    def resolve(self, name, variant, key):
        """Return (TYPE or None, value)."""
        R = self.R
        if "." in name:
            who, field = name.split(".", 1)
            return "PERSON", self.person(who).get(R, field)
        if name.startswith("_"):
            if name == "_city":
                return None, self.loc(key or "").city
            if name == "_state":
                return None, self.loc(key or "").state
            if name not in FILLERS:
                raise KeyError(name)
            return None, FILLERS[name](R)
        if name not in ALIASES:
            raise KeyError(name)
        typ = ALIASES[name]
        if name in ("ADDR", "ZIP"):
            country = variant if variant in COUNTRIES else None
            unit = {"unit": True, "nounit": False}.get(variant)
            loc = self.loc(key or "", country, unit)
            if name == "ADDR":
                return typ, loc.street
            z = loc.zip
            if variant == "plus4" and loc.country == "us" and "-" not in z:
                z += "-" + rd(R, 4)
            return typ, z
        ck = (name, variant, key)
        if key is not None and ck in self.cache:
            return typ, self.cache[ck]
        mods = set(variant.split("_")) if variant else set()
        if name == "CC":
            v = gen_card(R, variant)
        elif name == "CVV":
            v = gen_cvv(R, variant)
        elif name == "EXP":
            v = gen_expiry(R, variant)
        elif name == "SSN":
            v = gen_ssn(R)
        elif name == "ITIN":
            v = gen_itin(R)
        elif name == "EMAIL":
            if variant == "any":
                v = gen_email(R, Person(R))
            elif variant == "work":
                v = gen_email(R, self.person("p"), work=True)
            else:
                v = gen_email(R, self.person(variant or "p"))
        elif name == "PHONE":
            v = gen_phone(R, variant)
        elif name == "IBAN":
            v = gen_iban(R, variant)
        elif name == "ABA":
            v = gen_aba(R)
        elif name == "NPI":
            v = gen_npi(R)
        elif name == "DEA":
            v = gen_dea(R, self.person("dr").last)
        elif name == "MRN":
            v = gen_mrn(R)
        elif name == "HPID":
            v = gen_hpid(R, variant)
        elif name == "ACCT":
            v = gen_acct(R)
        elif name == "LIC":
            v = gen_license(R, variant, self.person("p"))
        elif name == "PASSPORT":
            v = gen_passport(R, variant)
        elif name == "DATE":
            v = gen_date(R, mods)
        elif name == "DOB":
            v = gen_dob(R, mods)
        elif name == "AGE90":
            v = str(wchoice(R, [(a, 10 if a < 96 else 4 if a < 101 else 1) for a in range(90, 105)]))
        elif name == "IP":
            v = gen_ip(R, variant)
        elif name == "URL":
            v = gen_url(R, variant, self.person("p"))
        elif name == "MAC":
            v = gen_mac(R)
        elif name == "IMEI":
            v = gen_imei(R)
        elif name == "VIN":
            v = gen_vin(R)
        elif name == "UUID":
            v = gen_uuid(R)
        elif name == "BTC":
            v = gen_btc(R)
        elif name == "CRED":
            v = gen_cred(R, variant)
        else:
            raise KeyError(name)
        if key is not None:
            self.cache[ck] = v
        return typ, v


def render(R, frame):
    flags = set()
    m = FLAG_RE.match(frame)
    if m:
        flags = set(m.group(1).split(","))
        frame = frame[m.end():]
    if "caps" in flags:
        style = "caps"
    elif "lower" in flags:
        style = "lower"
    elif "clean" in flags:
        style = "normal"
    else:
        style = wchoice(R, [("normal", 60), ("typo", 20), ("lower", 9), ("caps", 4), ("lowertypo", 7)])
    typos = "typo" in style
    msg = Msg(R, flags)
    parts, spans, pos, last = [], [], 0, 0

    def case(s):
        if style == "caps":
            return s.upper()
        if style.startswith("lower"):
            return s.lower()
        return s

    def emit_literal(s):
        nonlocal pos
        if not s:
            return
        if typos:
            s = typo_text(R, s, 0.12)
        s = case(s)
        parts.append(s)
        pos += len(s)

    for tm in TOKEN_RE.finditer(frame):
        emit_literal(frame[last:tm.start()])
        last = tm.end()
        typ, val = msg.resolve(tm.group(1), tm.group(2), tm.group(3))
        if typ is None or typ in CASE_OK:
            # lower-case typists rarely re-capitalise e-mail addresses; upper-case e-mail is kept rarer
            if not (typ == "EMAIL" and style == "caps" and R.random() < 0.5):
                val = case(val)
        parts.append(val)
        if typ is not None:
            spans.append({"start": pos, "end": pos + len(val), "type": typ})
        pos += len(val)
    emit_literal(frame[last:])
    text = "".join(parts)
    return text, spans


# ---------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------
EDGE_BAD_START = set(" \t\n.,;:!?()[]{}<>\"'`-")
EDGE_BAD_END = set(" \t\n.,;:!?()[]{}<>\"'`-")
EMAIL_RE = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$")
MAC_RE = re.compile(r"^([0-9A-Fa-f]{2}([:-])){5}[0-9A-Fa-f]{2}$|^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$")
DEA_RE = re.compile(r"^[A-Z][A-Z9]\d{7}$")


def digits_of(v):
    return re.sub(r"\D", "", v)


def validate_value(typ, v):
    d = digits_of(v)
    if typ == "CREDIT_CARD":
        assert 12 <= len(d) <= 19 and luhn.is_valid(d) and re.fullmatch(r"[\d -]+", v), v
    elif typ == "CARD_CVV":
        assert re.fullmatch(r"\d{3,4}", v), v
    elif typ == "US_SSN":
        assert len(d) == 9 and std_ssn.is_valid(d), v
    elif typ == "US_ITIN":
        assert len(d) == 9 and std_itin.is_valid(d), v
    elif typ == "EMAIL":
        assert EMAIL_RE.match(v), v
    elif typ == "PHONE":
        pn = phonenumbers.parse(v, "US")
        assert phonenumbers.is_possible_number(pn), v
    elif typ == "IBAN":
        assert std_iban.is_valid(v), v
    elif typ == "ABA_ROUTING":
        assert std_rtn.is_valid(v), v
    elif typ == "NPI":
        assert re.fullmatch(r"\d{10}", v) and luhn.is_valid("80840" + v), v
    elif typ == "DEA_NUMBER":
        assert DEA_RE.match(v) and dea_check(v[2:8]) == v[8], v
    elif typ == "AGE_OVER_89":
        assert v.isdigit() and int(v) >= 90, v
    elif typ == "IP_ADDRESS":
        ipaddress.ip_address(v)
    elif typ == "MAC_ADDRESS":
        assert MAC_RE.match(v), v
    elif typ == "IMEI":
        assert std_imei.is_valid(v), v
    elif typ == "VIN":
        assert len(v) == 17 and not set(v) & set("IOQ") and vin_check(v) == v[8], v
    elif typ == "UUID":
        uuid.UUID(v)
    elif typ == "CRYPTO_ADDRESS":
        assert std_btc.is_valid(v), v
    elif typ == "URL":
        assert re.match(r"^(https?://|www\.)\S+$", v), v


def check_record(rec):
    text, spans = rec["text"], rec["spans"]
    prev_end = -1
    for sp in spans:
        s, e, typ = sp["start"], sp["end"], sp["type"]
        assert typ in ALL_TYPES, typ
        assert 0 <= s < e <= len(text), sp
        assert s >= prev_end, ("overlap", rec)
        prev_end = e
        v = text[s:e]
        assert v == v.strip(), (rec["id"], v)
        assert v[0] not in EDGE_BAD_START or (typ == "PHONE" and v[0] == "("), (rec["id"], v)
        assert v[-1] not in EDGE_BAD_END or (typ == "URL" and v[-1] == "/"), (rec["id"], v)
        validate_value(typ, v)
    if spans:
        assert spans == sorted(spans, key=lambda x: x["start"])


def build(seed=SEED):
    R = random.Random(seed)
    n_pos = N_TOTAL - N_NEGATIVE
    assert len(POSITIVE) <= n_pos, (len(POSITIVE), n_pos)
    # every frame once; the remaining slots favour frames carrying the rarer identifier types
    rare = {"ITIN", "DEA", "VIN", "BTC", "IBAN", "IMEI", "MAC", "UUID", "NPI", "ABA"}
    weights = [1 + 4 * sum(1 for t in TOKEN_RE.findall(f) if t[0] in rare) for f in POSITIVE]
    pos_seq = list(range(len(POSITIVE))) + R.choices(range(len(POSITIVE)), weights=weights, k=n_pos - len(POSITIVE))
    neg_pool = list(range(len(NEGATIVE)))
    if len(neg_pool) >= N_NEGATIVE:
        neg_seq = R.sample(neg_pool, N_NEGATIVE)
    else:
        neg_seq = neg_pool + [R.randrange(len(NEGATIVE)) for _ in range(N_NEGATIVE - len(neg_pool))]
    items = [("P", i) for i in pos_seq] + [("N", i) for i in neg_seq]
    R.shuffle(items)
    out, seen = [], set()
    for kind, i in items:
        frame = POSITIVE[i] if kind == "P" else NEGATIVE[i]
        for _ in range(20):
            text, spans = render(R, frame)
            if text not in seen:
                break
        seen.add(text)
        if kind == "N":
            assert not spans, frame
        else:
            assert spans, frame
        rec = {"id": len(out) + 1, "text": text, "spans": spans}
        check_record(rec)
        out.append(rec)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "heldout2.jsonl"))
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    recs = build(args.seed)
    with open(args.out, "w", encoding="utf-8") as fh:
        for rec in recs:
            line = json.dumps(rec, ensure_ascii=False)
            back = json.loads(line)
            for sp in back["spans"]:
                assert back["text"][sp["start"]:sp["end"]] == recs[back["id"] - 1]["text"][sp["start"]:sp["end"]]
            fh.write(line + "\n")
    counts = {}
    for rec in recs:
        for sp in rec["spans"]:
            counts[sp["type"]] = counts.get(sp["type"], 0) + 1
    n_neg = sum(1 for r in recs if not r["spans"])
    print(f"wrote {len(recs)} messages ({n_neg} without identifiers) to {args.out}", file=sys.stderr)
    for t in ALL_TYPES:
        print(f"  {t:24s} {counts.get(t, 0)}", file=sys.stderr)


if __name__ == "__main__":
    main()
