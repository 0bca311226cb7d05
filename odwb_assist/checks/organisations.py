"""Words that name a service or an organisation (asbl, club, chorale, urbanisme…), not a person.

Used by the personal-email check: an address or a row cell holding one of them belongs to an
organisation. ``WORDS`` must be whole words; ``STEMS`` (long and distinctive) may also be glued to
other words (« tennisclubwavre », « choralestececile »).
"""

from __future__ import annotations

import re
import unicodedata

SERVICES = (
    "info infos information informations contact contacts secretariat secr secretaire accueil admin administration "
    "commune communal communale mairie ville stad gemeente service services dienst population etat civil etatcivil "
    "urbanisme environnement travaux cpas ocmw college direction dir rh grh personnel compta comptabilite finances "
    "finance tourisme culture culturel culturelle police zone noreply reply webmaster web support helpdesk "
    "communication presse mail email office bureau greffe enseignement bibliotheque biblio ludotheque mediatheque "
    "jeunesse jeunes social sociale energie mobilite logement cadastre permis marches juridique courrier reception "
    "citoyen citoyens guichet opendata data dpo rgpd gdpr privacy facturation factures invoice ict it informatique "
    "cellule directeur directrice bourgmestre echevin echevinat province provincial provinciale region regional "
    "intercommunale centre maison espace musee pompiers secours hopital clinique crèche creche garderie "
    "inscription inscriptions reservation reservations billetterie boutique shop vente ventes commande commandes "
    "news newsletter hello bonjour general team equipe staff"
)
ORGANISATIONS = (
    "asbl vzw aisbl asso assoc association associations club clubs comite comites federation fede amicale "
    "chorale choeur chorales koor cie compagnie ligue cercle kring vereniging royal royale koninklijke groupe group "
    "collectif cooperative coop scrl sprl srl scs sa nv bv fondation foundation societe syndicat initiative jumelage "
    "saint sainte st ste paroisse parochie eglise fabrique patro scout scouts guides unite troupe ecole athenee lycee "
    "institut academie conservatoire theatre cinema festival fanfare harmonie orchestre ensemble musique danse ballet "
    "carnaval kermesse confrerie rotary lions kiwanis croix rouge amis vrienden friends fans supporters seniors aines "
    "pensionnes anciens veterans combattants prevoyantes femmes familles parents quartier village atelier ateliers "
    "projet reseau plateforme mouvement events event evenements organisation orga comptoir brasserie boulangerie "
    "pharmacie garage agence immo restaurant cafe hotel gite camping ferme domaine chateau chez friterie librairie "
    "boucherie coiffure salon epicerie traiteur taverne snack "
    # shops and trades, named after their owner's first name as often as not (« Fleuriste Rose », « Coiffure Léa »)
    "fleuriste fleurs opticien optique bijouterie horlogerie chocolaterie chocolatier patisserie fromagerie "
    "poissonnerie cordonnerie quincaillerie droguerie pressing laverie toilettage animalerie jardinerie pepiniere "
    "menuiserie plomberie carrosserie pneus coiffeur coiffeuse barbier esthetique beaute onglerie tabac glacier "
    "pizzeria bistro sandwicherie cave vins caviste imprimerie photographe "
    "fc rfc rc vc bc hc tc jc ac sc rsc ttc kfc kvc sk vv us as jsl sporting sport sports sportif sportive "
    "football foot voetbal basket basketball volley volleyball tennis handball rugby hockey judo karate natation "
    "piscine athletic athletisme jogging running cyclo cyclisme velo vtt marche marcheurs randonnee petanque "
    "billard echecs peche pecheurs chasse balle pelote tir escrime boxe yoga aikido taekwondo ski golf equitation "
    "manege ping pong badminton squash padel gym gymnastique twirling majorettes jeugd"
)
WORDS = frozenset((SERVICES + " " + ORGANISATIONS).split())
STEMS = (
    "asbl", "vzw", "association", "club", "chorale", "choeur", "amicale", "federation", "compagnie", "comite",
    "ligue", "cercle", "secretariat", "accueil", "contact", "info", "service", "sport", "football", "voetbal",
    "basket", "volley", "tennis", "handball", "rugby", "hockey", "natation", "athletic", "cyclo", "petanque",
    "fanfare", "harmonie", "orchestre", "theatre", "paroisse", "jeunesse", "bibliotheque", "scout", "ecole",
    "athenee", "festival", "carnaval", "kermesse", "jumelage", "musique", "quartier", "royal", "patro", "fondation",
    "collectif", "syndicat", "tourisme", "mairie", "cpas", "urbanisme", "marcheurs", "randonnee", "pecheurs",
    "seniors", "vrienden", "vereniging", "koninklijke", "sporting", "gymnastique", "twirling", "majorettes",
    "judo", "karate", "taekwondo", "aikido", "billard", "equitation", "manege", "badminton", "brasserie",
    "fleuriste", "boulangerie", "boucherie", "pharmacie", "librairie", "patisserie", "fromagerie", "chocolaterie",
    "coiffure", "bijouterie", "menuiserie", "carrosserie",
)
_STEMS = re.compile("|".join(STEMS))


def words_of(text: str) -> list[str]:
    """Lower-case, accent-free words of letters (digits and punctuation separate words)."""
    plain = unicodedata.normalize("NFKD", str(text).lower()).encode("ascii", "ignore").decode("ascii")
    return [w for w in re.split(r"[^a-z]+", plain) if w]


def names_organisation(words: list[str]) -> bool:
    """True when ``words`` (see :func:`words_of`) hold a service or organisation word, whole or glued."""
    return any(w in WORDS for w in words) or bool(_STEMS.search("".join(words)))
