"""A seeded demo catalogue: a few dozen realistic published datasets from Walloon publishers.

Each dataset goes through the same path as a participant's (uploaded CSV file, ``csvfile``
resource, processing), with themes, keywords, a licence and a modification date; some dates fall
within May–November 2021 (the programme's window), others outside it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import domain
from .processing import extract
from .store import Store

OWNER = "odwb"

# (publisher, commune or area, short id, latitude, longitude)
PUBLISHERS = [
    ("Ville de Namur", "Namur", "namur", 50.4669, 4.8675),
    ("Ville de Liège", "Liège", "liege", 50.6326, 5.5797),
    ("Commune de Ciney", "Ciney", "ciney", 50.2967, 5.1000),
    ("Province de Luxembourg", "Arlon", "province-luxembourg", 49.6833, 5.8167),
    ("Service public de Wallonie", "Jambes", "spw", 50.4560, 4.8730),
    ("Ville de Mons", "Mons", "mons", 50.4542, 3.9523),
    ("CPAS de Charleroi", "Charleroi", "cpas-charleroi", 50.4108, 4.4446),
    ("Ville de Verviers", "Verviers", "verviers", 50.5891, 5.8624),
    ("Commune de Durbuy", "Durbuy", "durbuy", 50.3526, 5.4563),
]

Row = list[str]
Topic = tuple[str, str, str, list[str], str, list[str], Callable[[str, float, float, int], Row]]


def _place(commune: str, lat: float, lon: float, i: int) -> tuple[str, str, str]:
    return f"Rue de la Station {10 + i}, {commune}", f"{lat + i * 0.003:.5f}", f"{lon - i * 0.004:.5f}"


TOPICS: list[Topic] = [
    ("parkings-velos", "Parkings vélos", "Mobilité", ["vélo", "mobilité douce", "parking"], "CC BY 4.0",
     ["Nom", "Adresse", "Places", "Couvert", "Latitude", "Longitude"],
     lambda c, la, lo, i: [f"Parking vélos {i + 1}", *_place(c, la, lo, i)[:1], str(8 + 4 * i), "oui" if i % 2 else "non",
                           *_place(c, la, lo, i)[1:]]),
    ("arbres-remarquables", "Arbres remarquables", "Environnement", ["arbres", "patrimoine naturel"], "CC0 1.0",
     ["Essence", "Circonférence (cm)", "Hauteur (m)", "Date de plantation", "Latitude", "Longitude"],
     lambda c, la, lo, i: [["Chêne pédonculé", "Hêtre pourpre", "Tilleul", "Platane"][i % 4], str(180 + 35 * i),
                           f"{18.5 + i:.1f}", f"{1890 + 7 * i}-04-15", *_place(c, la, lo, i)[1:]]),
    ("defibrillateurs", "Défibrillateurs (DEA)", "Santé", ["santé", "DEA", "secours"], "CC BY 4.0",
     ["Lieu", "Adresse", "Accessible 24h/24", "Latitude", "Longitude"],
     lambda c, la, lo, i: [["Hôtel de ville", "Piscine", "Gare", "Hall omnisports"][i % 4], _place(c, la, lo, i)[0],
                           "oui" if i % 2 == 0 else "non", *_place(c, la, lo, i)[1:]]),
    ("bornes-recharge", "Bornes de recharge pour véhicules électriques", "Energie",
     ["énergie", "voiture électrique"],
     "Licence Ouverte / Open Licence", ["Opérateur", "Adresse", "Puissance (kW)", "Prises"],
     lambda c, la, lo, i: [["Engie", "Allego", "Total"][i % 3], _place(c, la, lo, i)[0], str([22, 50, 11][i % 3]),
                           str(2 + i % 2)]),
    ("salles-communales", "Salles communales à louer", "Tourisme, Culture, Sport et Loisirs",
     ["salles", "location", "associations"],
     "CC BY 4.0", ["Salle", "Adresse", "Capacité", "Tarif journée (EUR)"],
     lambda c, la, lo, i: [f"Salle {['des fêtes', 'du village', 'polyvalente'][i % 3]} {i + 1}", _place(c, la, lo, i)[0],
                           str(80 + 40 * i), f"{150 + 25 * i}.00"]),
    ("ecoles", "Établissements scolaires", "Éducation, Enseignement", ["écoles", "enseignement"], "CC BY 4.0",
     ["Établissement", "Niveau", "Adresse", "Élèves"],
     lambda c, la, lo, i: [f"École communale {i + 1}", ["maternel", "primaire", "fondamental"][i % 3],
                           _place(c, la, lo, i)[0], str(120 + 30 * i)]),
    ("marches", "Marchés hebdomadaires", "Économie", ["marché", "commerce local"], "CC BY-SA 4.0",
     ["Marché", "Jour", "Horaire", "Lieu", "Nombre d'échoppes"],
     lambda c, la, lo, i: [f"Marché de {c} {i + 1}", ["mardi", "jeudi", "samedi"][i % 3], "08:00-13:00",
                           f"Place communale {i + 1}", str(25 + 5 * i)]),
    ("permis-urbanisme", "Permis d'urbanisme délivrés",
     "Aménagement du territoire, Urbanisme, Bâtiments, Équipements, Logement", ["urbanisme", "permis"], "CC BY 4.0",
     ["Référence", "Date de décision", "Objet", "Rue"],
     lambda c, la, lo, i: [f"PU/2021/{100 + i}", f"2021-0{3 + i}-1{i}", ["Extension", "Nouvelle construction",
                           "Transformation"][i % 3], f"Rue Haute {i * 3 + 1}"]),
    ("budget", "Budget ordinaire par fonction", "Administration et Services publics", ["budget", "finances"], "CC0 1.0",
     ["Fonction", "Libellé", "Dépenses (EUR)", "Recettes (EUR)", "Exercice"],
     lambda c, la, lo, i: [str(100 + 10 * i), ["Administration générale", "Enseignement", "Voirie", "Culture"][i % 4],
                           f"{1250000 + 175000 * i}.50", f"{250000 + 40000 * i}.00", "2021"]),
    ("points-interet", "Points d'intérêt touristiques", "Tourisme", ["tourisme", "patrimoine", "balades"], "CC BY 4.0",
     ["Nom", "Catégorie", "Site web", "Latitude", "Longitude"],
     lambda c, la, lo, i: [f"{['Château', 'Musée', 'Point de vue', 'Abbaye'][i % 4]} de {c}",
                           ["patrimoine", "musée", "nature", "patrimoine"][i % 4], f"https://www.visit{c.lower()}.be/{i}",
                           *_place(c, la, lo, i)[1:]]),
    ("conteneurs-verre", "Bulles à verre", "Environnement", ["déchets", "recyclage", "verre"], "ODbL",
     ["Adresse", "Type", "Latitude", "Longitude"],
     lambda c, la, lo, i: [_place(c, la, lo, i)[0], ["verre blanc", "verre coloré"][i % 2], *_place(c, la, lo, i)[1:]]),
    ("services-horaires", "Horaires des services administratifs", "Administration et Services publics",
     ["horaires", "services", "accueil"], "CC BY 4.0", ["Service", "Jour", "Ouverture", "Fermeture", "Téléphone"],
     lambda c, la, lo, i: [["Population", "État civil", "Urbanisme", "Travaux"][i % 4], ["lundi", "mercredi", "vendredi"][i % 3],
                           "08:30", "12:00", f"+32 81 24 6{i} 1{i}"]),
]

# programme window (May–Nov 2021) and outside it, alternating
DATES = ["2021-05-12T09:30:00Z", "2020-11-03T14:00:00Z", "2021-06-28T10:15:00Z", "2022-02-14T08:00:00Z",
         "2021-09-09T16:45:00Z", "2019-07-01T12:00:00Z", "2021-11-22T11:00:00Z", "2023-03-30T09:00:00Z",
         "2021-07-05T13:20:00Z", "2021-04-30T17:00:00Z", "2021-10-18T08:40:00Z", "2021-12-02T10:00:00Z"]


def _csv(fields: list[str], rows: list[Row]) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(fields)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def seed_catalogue(store: Store, *, count: int = 36) -> list[str]:
    """Publish ``count`` demo datasets (skipping ids already present); returns their dataset ids."""
    licenses = {item["label"]: item["id"] for item in store.get_setting("licenses", domain.DEFAULT_LICENSES)}
    themes = {item["label"]: item["id"] for item in store.get_setting("themes", domain.DEFAULT_THEMES)}
    created: list[str] = []
    for n in range(count):
        publisher, commune, short, lat, lon = PUBLISHERS[n % len(PUBLISHERS)]
        slug, title, theme, keywords, license_label, fields, make_row = TOPICS[(n * 5 + n // len(PUBLISHERS)) % len(TOPICS)]
        dataset_id = f"{short}-{slug}"
        if store.dataset_by_id(dataset_id) is not None:
            continue
        rows = [make_row(commune, lat, lon, i) for i in range(3 + n % 3)]
        content = _csv(fields, rows)
        metadata: dict[str, Any] = {
            "default": {
                "title": f"{title} — {commune}", "publisher": publisher, "language": "fr",
                "description": f"<p>{title} sur le territoire de {commune}, publié par {publisher}.</p>",
                "keyword": [*keywords, commune], "modified": DATES[n % len(DATES)], "timezone": "Europe/Brussels",
            },
            "internal": {"license_id": licenses.get(license_label, next(iter(licenses.values()))),
                         "theme_id": [themes[theme]] if theme in themes else []},
            "dcat": {"contact_email": f"opendata@{short}.be", "accrualperiodicity": "Annuelle"},
        }
        dataset = store.create_dataset(OWNER, dataset_id, False, metadata)
        stored = store.add_file(dataset["uid"], f"{dataset_id}.csv", "text/csv", content)
        resource = store.save_resource(dataset["uid"], {
            "type": "csvfile", "title": f"{dataset_id}.csv", "display_name": f"{dataset_id}.csv",
            "extraction_infos": {"label": "CSV File", "type": "csvfile"},
            "origin": {"label": "Uploaded file", "type": "uploaded_file"},
            "params": {"separator": ";", "encoding": "utf-8", "headers_first_row": True},
            "datasource": {"type": "uploaded_file", "file": {"uid": stored["uid"]}},
        })
        extraction = extract([(resource, content)])
        store.finish_processing(dataset["uid"], extraction.fields, extraction.records, metadata)
        # a demo catalogue published back then: the platform's timestamps are its publication day
        store.update_dataset(dataset["uid"], data_processed=DATES[n % len(DATES)], metadata_processed=DATES[n % len(DATES)])
        created.append(dataset_id)
    return created
