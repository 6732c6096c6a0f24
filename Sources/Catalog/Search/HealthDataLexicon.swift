/// English words a researcher types, with the French words the SNDS dictionary uses for them, so that an
/// English query finds French descriptions (`date of birth` finds `BEN_NAI_ANN`, "Année de naissance").
/// Written for this project from the vocabulary of the SNDS variable descriptions; keys and values are
/// analysed like any text before use, so accents and plurals need no care here.
enum HealthDataLexicon {
    static let englishToFrench: [String: [String]] = [
        "act": ["acte"], "address": ["adresse"], "admission": ["entree"], "age": ["age"], "amount": ["montant"],
        "appointment": ["consultation"], "area": ["zone"], "beneficiary": ["beneficiaire"], "bill": ["facture"],
        "billing": ["facturation"], "birth": ["naissance"], "born": ["naissance"], "cancer": ["cancer", "tumeur"],
        "care": ["soin"], "cause": ["cause"], "child": ["enfant"], "chronic": ["chronique"], "city": ["commune"],
        "claim": ["prestation", "remboursement"], "code": ["code"], "complementary": ["complementaire"],
        "consultation": ["consultation"], "cost": ["cout", "montant"], "count": ["nombre"], "country": ["pays"],
        "date": ["date"], "day": ["jour"], "death": ["deces"], "deceased": ["deces"], "delivery": ["delivrance", "accouchement"],
        "department": ["departement"], "diagnosis": ["diagnostic"], "disability": ["invalidite", "handicap"], "discharge": ["sortie"],
        "disease": ["maladie", "pathologie"], "doctor": ["medecin", "praticien"], "dose": ["dose"], "drug": ["medicament", "pharmacie"],
        "duration": ["duree"], "end": ["fin"], "entry": ["entree"], "exit": ["sortie"], "fee": ["honoraire", "tarif"],
        "female": ["femme", "feminin"], "gender": ["sexe"], "general": ["generaliste"], "gp": ["generaliste"],
        "health": ["sante"], "hospital": ["hopital", "etablissement", "hospitalisation"], "hospitalisation": ["hospitalisation", "sejour"],
        "hospitalization": ["hospitalisation", "sejour"], "identifier": ["identifiant"], "illness": ["maladie", "affection"],
        "income": ["revenu"], "insurance": ["assurance"], "insured": ["assure"], "key": ["cle"], "laboratory": ["laboratoire", "biologie"],
        "length": ["duree"], "long": ["longue"], "male": ["homme", "masculin"], "medical": ["medical"], "medication": ["medicament"],
        "medicine": ["medicament"], "month": ["mois"], "mother": ["mere"], "municipality": ["commune"], "name": ["nom", "libelle"],
        "number": ["numero", "nombre"], "nurse": ["infirmier"], "occupational": ["professionnel"], "patient": ["beneficiaire", "patient"],
        "payment": ["paiement", "reglement"], "period": ["periode"], "pharmacy": ["pharmacie"], "physician": ["medecin", "praticien"],
        "place": ["lieu"], "postcode": ["postal"], "pregnancy": ["grossesse"], "prescriber": ["prescripteur"],
        "prescription": ["prescription", "ordonnance"], "price": ["prix", "tarif"], "procedure": ["acte"],
        "provider": ["professionnel", "executant"],
        "quantity": ["quantite"], "rank": ["rang"], "rate": ["taux"], "reason": ["motif"], "refund": ["remboursement"],
        "region": ["region"], "reimbursement": ["remboursement"], "residence": ["residence"], "sex": ["sexe"], "sick": ["maladie"],
        "sickness": ["maladie"], "specialty": ["specialite"], "speciality": ["specialite"], "start": ["debut"], "stay": ["sejour"],
        "surgery": ["chirurgie"], "treatment": ["traitement"], "type": ["type", "nature"], "unit": ["unite"], "visit": ["visite", "consultation"],
        "ward": ["unite"], "weight": ["poids"], "year": ["annee"],
    ]

    /// French words whose meaning the catalog spreads over other words: SNDS variables rarely hold a full
    /// date, but its year, month or day (`BEN_NAI_ANN` "Année de naissance", `BEN_NAI_MOI` "Mois de naissance").
    static let related: [String: [String]] = [
        "date": ["annee", "mois", "jour"]
    ]
}
