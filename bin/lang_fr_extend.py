#!/usr/bin/env python3
"""bin/lang_fr_extend.py REPO: write src/eventwire/data/lang/fr/<name> for the files still in English structure: the English file with
French words added to the lists the stages read by kind (forces, civilians, protesters...)."""
import sys
from pathlib import Path

import yaml

root = Path(sys.argv[1]) / "src/eventwire/data"
HEAD = ("# French data (eventwire.knowledge, lang/fr): the English file of this name with French words\n"
        "# added to the lists the stages read; its English words stay (they do not occur in French text).\n"
        "# To be translated whole; the rules and thresholds are the English ones.\n")
STATE = ["forces de sécurité", "forces de défense et de sécurité", "fds", "fama", "forces armées",
         "armée", "militaire", "militaires", "soldat", "soldats", "gendarme", "gendarmes", "gendarmerie",
         "police", "policier", "policiers", "garde nationale", "troupes", "forces de l'ordre", "douaniers"]
NONSTATE = ["hommes armés", "homme armé", "individus armés", "hommes armés non identifiés", "assaillant",
            "assaillants", "djihadiste", "djihadistes", "jihadiste", "jihadistes", "terroriste", "terroristes",
            "insurgé", "insurgés", "rebelle", "rebelles", "bandit", "bandits", "bandits armés", "groupe armé",
            "groupes armés", "milice", "milices", "miliciens", "combattants", "ravisseurs", "kamikaze"]
CIVIL = ["civil", "civils", "habitant", "habitants", "villageois", "personne", "personnes", "femme", "femmes",
         "enfant", "enfants", "homme", "hommes", "passager", "passagers", "fidèles", "commerçant", "commerçants",
         "élève", "élèves", "enseignant", "enseignants", "chauffeur", "éleveur", "éleveurs", "agriculteur",
         "agriculteurs", "orpailleurs", "chef", "chef de village", "population", "populations", "déplacés",
         "journaliste", "imam", "prêtre", "otage", "otages", "victime", "victimes"]
PROTEST = ["manifestant", "manifestants", "manifestation", "manifestations", "grévistes", "protestataires",
           "marche", "rassemblement", "sit-in", "grève"]
RIOT = ["émeutier", "émeutiers", "foule", "pilleurs"]

def add(lst, words):
    for w in words:
        if w not in lst:
            lst.append(w)

def write(name, data):
    out = root / "lang/fr" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(HEAD + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110, default_flow_style=None), encoding="utf-8")

def load(name):
    return yaml.safe_load((root / name).read_text(encoding="utf-8"))

ctx = load("what/context.yaml")
c = ctx["cues"]
add(c["state_forces"], STATE)
add(c["non_state"], NONSTATE)
add(c["civilians"], CIVIL)
add(c["protesters"], PROTEST)
add(c["rioters"], RIOT)
add(c["forces"], STATE + NONSTATE)
add(c["security"], STATE + ["suspect", "suspects", "garde à vue", "interpellé", "interpellés"])
add(c["conflict"], STATE + NONSTATE + ["conflit", "guerre", "armé", "armés", "combats", "cessez-le-feu", "trêve"])
add(c["violence_context"], ["tué", "tués", "morts", "blessés", "assaillants", "hommes armés", "soldats", "victimes", "balle", "balles", "ouvert le feu"])
add(c["protest_words"], PROTEST + ["manifesté", "protester", "slogans", "pancartes", "banderoles"])
add(c["protest_context"], PROTEST + ["syndicat", "syndicats", "étudiants", "police", "revendications", "gouvernement", "contre", "opposition"])
add(c["persons"], CIVIL + STATE + NONSTATE)
add(c["weapons"], ["arme", "armes", "fusil", "fusils", "munitions", "explosifs", "engin explosif", "kalachnikov"])
add(c["victim_verbs"], ["tuer", "blesser", "abattre", "assassiner", "exécuter", "massacrer"])
# the verbs whose subject is the dead ("ont péri", "ont trouvé la mort", "ont perdu la vie")
add(c["plain_death_words"], ["mourir", "périr", "succomber", "décéder", "trouver", "perdre", "mort", "morts", "décès",
                             "corps", "cadavre", "cadavres"])
for k in ("location_preps",):
    add(c[k], ["à", "dans", "près de", "au", "en"])
write("what/context.yaml", ctx)

act = load("actors.yaml")
add(act["state_forces"]["police"]["words"], ["police", "policier", "policiers", "gendarme", "gendarmes", "gendarmerie",
                                             "gendarmerie nationale", "police nationale", "forces de l'ordre", "commissariat"])
add(act["state_forces"]["military"]["words"], ["armée", "militaire", "militaires", "soldat", "soldats", "fama",
                                               "forces armées", "forces armées maliennes", "forces de défense et de sécurité",
                                               "fds", "troupes", "garde nationale", "bataillon", "camp militaire"])
add(act["unidentified"]["words"], NONSTATE)
add(act["protesters"]["words"], PROTEST)
add(act["rioters"]["words"], RIOT)
add(act["civilians"]["words"], CIVIL)
write("actors.yaml", act)

for name in ("what/modality.yaml", "what/generic.yaml", "time/framing.yaml", "places/cues.yaml"):
    d = load(name)
    if name == "what/modality.yaml":
        add(d["negative_words"], ["ne", "pas", "aucun", "aucune", "jamais", "ni"])
    if name == "places/cues.yaml":
        add(d["locative_preps"], ["à", "dans", "au", "aux", "en", "près de", "vers"])
        add(d["directions"], ["nord", "sud", "est", "ouest", "nord-est", "nord-ouest", "sud-est", "sud-ouest", "centre"])
        add(d["units"], ["km", "kilomètres", "kilomètre"])
        add(d["approximate"], ["environ", "une vingtaine de", "une trentaine de", "une dizaine de", "près de"])
        add(d["outskirts"], ["périphérie", "environs", "abords", "banlieue"])
    if name == "time/framing.yaml":
        add(d["reporting_verbs"], ["dire", "déclarer", "annoncer", "indiquer", "affirmer", "rapporter", "préciser", "confirmer"])
    write(name, d)
