extension DatabaseRegistry {
    /// The registry Hublot ships: the SNDS and its components as French and English papers name them, and
    /// a few other databases of the hub. Sources for the wording: the SNDS documentation (snds.gouv.fr, the
    /// collaborative documentation of the Health Data Hub), the reviews of SNDS-based studies, and the names
    /// papers give in their methods sections.
    public static var standard: DatabaseRegistry {
        // The text is checked by the test suite; a failure here is a bug in Hublot, not in user input.
        do {
            return try decode(yaml: standardYAML, file: "standard registry")
        } catch {
            preconditionFailure("\(error)")
        }
    }

    public static let standardYAML = #"""
        version: 1
        france_markers:
          - france
          - french
          - francais
          - francaise
          - francaises
          - metropolitan france
          - overseas departments
          - cnam
          - cnamts
          - caisse nationale assurance maladie
          - assurance maladie
          - epi phare
          - ansm
          - haute autorite sante
          - sante publique france
          - inserm
          - atih
          - health data hub
        other_country_markers:
          - taiwan
          - taiwanese
          - korea
          - korean
          - japan
          - japanese
          - china
          - chinese
          - hong kong
          - singapore
          - thailand
          - india
          - denmark
          - danish
          - sweden
          - swedish
          - norway
          - norwegian
          - finland
          - finnish
          - iceland
          - nordic
          - scandinavian
          - netherlands
          - dutch
          - germany
          - german
          - italy
          - italian
          - lombardy
          - spain
          - spanish
          - catalonia
          - portugal
          - belgium
          - belgian
          - switzerland
          - swiss
          - austria
          - united kingdom
          - uk
          - british
          - england
          - scotland
          - scottish
          - wales
          - ireland
          - canada
          - canadian
          - ontario
          - quebec
          - alberta
          - manitoba
          - united states
          - usa
          - american
          - medicare
          - medicaid
          - veterans
          - optum
          - marketscan
          - kaiser
          - australia
          - australian
          - new zealand
          - israel
          - israeli
          - brazil
          - turkey
          - poland
          - nhird
          - nhis
          - hira
          - jmdc
          - cprd
          - clinical practice research datalink
          - hospital episode statistics
          - ices
          - ramq
          - national inpatient sample
          - nationwide inpatient sample
        databases:
          - name: SNDS
            title: Système national des données de santé (French National Health Data System)
            kind: system
            summary: >-
              The national health data system: outpatient claims of every insurance scheme (DCIR, formerly the
              SNIIRAM), hospital stays (PMSI), causes of death (CépiDc), for about 67 million people since 2006.
            acronyms:
              - SNDS
              - { form: SNIIRAM, case: capitalised }
              - { form: SNIIR-AM, case: capitalised }
              - { form: SNIIR AM, case: capitalised }
              - { form: SNIRAM, case: capitalised }
              - { form: SNIIR-Am, case: exact }
            names:
              - systeme national donnees sante
              - french (national)? health data (system|hub|base*|warehouse)
              - national health data system france
              - french (national)? health (care)? (database*|data base*|data system*)
              - french (national)? (health)? insurance (claim*|database*|data base*|data|reimbursement*|information system*|record*|system database*)
              - french (national|nationwide)? (health)? insurance (claim*|reimbursement*) (database*|data|record*)
              - (french|france) (nationwide|national)? (claim*|reimbursement*|administrative|medico administrative|healthcare|health care) (database*|data base*|data|record*|system*)
              - (french|france) (national|nationwide) (health)? (claim*|reimbursement*) (database*|data|record*)
              - national inter (regime*|scheme*) health insurance (information)? system*
              - (interregime*|interscheme*) health insurance (information)? system*
              - national health insurance (inter regime*|interregime*|inter scheme*|interscheme*) information system*
              - systeme national information inter regime* assurance maladie
              - systeme national information interregime* assurance maladie
              - french national health insurance
              - (french|france) (national|nationwide)? (hospital|hospitalisation|hospitalization|discharge|claim*|insurance|reimbursement*|health|healthcare|health care|administrative|medico administrative)+ (database*|data base*|data|dataset*|data set*|record*|system*|information system*)
              - (french|france) (national|nationwide) (claim*|reimbursement*)
              - (caisse nationale assurance maladie|cnam|cnamts) (claim*|database*|data|reimbursement*|information system*)
              - epi phare
            generic_names:
              - national health data system*
              - national health insurance (claim*|database*|data base*|data|information system*|record*|reimbursement*)
              - national (health)? (claim*|reimbursement*) (database*|data base*|data|system*)
              - nationwide (claim*|administrative|medico administrative|healthcare|health care|health insurance|insurance|reimbursement*) (database*|data base*|data|record*)
              - (health)? insurance (claim*|reimbursement*) (database*|data base*|data|record*)
              - (health care|healthcare|health) (claim*|reimbursement*) (database*|data base*|data)
              - medico administrative (database*|data base*|data|record*)
              - administrative (health|healthcare|health care|claim*|hospital)? (database*|data base*|data)
              - health data hub
              - (national|nationwide) (healthcare|health care|health) (database*|data base*|data system*|insurance database*)
              - (national|nationwide) (hospital|hospitalisation|hospitalization|discharge|claim*|insurance|reimbursement*|health|healthcare|health care|administrative|medico administrative)+ (database*|data base*|data|dataset*|data set*|record*|system*)
              - (national|nationwide) (health)? (insurance)? claim*
              - (regional)? health insurance (data|database*|data base*|claim*|record*|reimbursement*)
              - (data|donnees|database*|record*|claim*) (from)? (french)? assurance maladie
              - assurance maladie (data|database*|claim*|record*|reimbursement*)
              - (donnees|base*) (donnees)? (medico administrative*|assurance maladie)
            context_words: [data, database, databases, claims, insurance, national, nationwide, french, france, health]
            queries:
              pubmed: >-
                ("SNDS"[tiab] OR "SNIIRAM"[tiab] OR "SNIIR-AM"[tiab] OR "National Health Data System"[tiab] OR
                "Systeme National des Donnees de Sante"[tiab] OR "French national health insurance"[tiab] OR
                "French health insurance"[tiab] OR "French nationwide"[tiab] OR "PMSI"[tiab] OR
                "French hospital discharge"[tiab] OR "national hospital discharge database"[tiab] OR "DCIR"[tiab] OR
                "Echantillon Generaliste de Beneficiaires"[tiab] OR "permanent sample of beneficiaries"[tiab] OR
                "CepiDc"[tiab] OR "French administrative"[tiab] OR "French claims"[tiab]) AND (France OR French)
              europepmc: >-
                ("SNDS" OR "SNIIRAM" OR "SNIIR-AM" OR "National Health Data System" OR "French national health insurance"
                OR "French health insurance" OR "PMSI" OR "French hospital discharge" OR "Echantillon Generaliste de Beneficiaires"
                OR "CepiDc") AND (France OR French)
              openalex: >-
                "SNDS" OR "SNIIRAM" OR "French National Health Data System" OR "French national health insurance" OR
                "PMSI" OR "French hospital discharge database" OR "Echantillon Generaliste de Beneficiaires" OR "CepiDc"
              hal: >-
                SNDS OR SNIIRAM OR "Système national des données de santé" OR "French National Health Data System" OR
                PMSI OR "Echantillon généraliste des bénéficiaires" OR CépiDc OR DCIR
              crossref: French National Health Data System SNDS
            products: [DCIR, DCIRS, PMSI MCO, PMSI SSR, PMSI HAD, PMSI RIM-P, Causes de décès, EGB, Cartographie]
          - name: DCIR
            title: Datamart de consommation inter-régimes (outpatient claims)
            part_of: SNDS
            kind: claims
            summary: Reimbursed outpatient care and drugs of every insurance scheme; DCIRS is its simplified form.
            acronyms:
              - { form: DCIR, ambiguous: true }
              - { form: DCIRS, ambiguous: true }
            names:
              - datamart consommation inter regime*
              - datamart consommation interregime*
              - (inter regime*|interregime*|inter scheme*|interscheme*) (consumption|care consumption) (datamart*|data mart*|database*|data)
            generic_names:
              - outpatient (claim*|reimbursement*|care consumption) (database*|data base*|data|datamart*|record*)
              - (drug|drugs|pharmacy|medication*) (dispensing*|dispensation*|reimbursement*|claim*) (database*|data base*|data|record*)
            implied_by:
              - (reimbursed|reimbursement*|dispensing*|dispensed|dispensation*|outpatient|pharmacy|pharmacies|prescription*|rembourse*|delivrance*)
            context_words: [claims, reimbursement, reimbursements, insurance, snds, sniiram, outpatient, database, datamart, consumption, dispensing, pharmacy, drug, drugs, data]
            queries:
              pubmed: ("DCIR"[tiab] OR "DCIRS"[tiab] OR "datamart de consommation inter-regimes"[tiab]) AND (France OR French OR SNDS)
            products: [DCIR, DCIRS]
          - name: PMSI
            title: Programme de médicalisation des systèmes d'information (hospital discharge data)
            part_of: SNDS
            kind: hospital
            summary: >-
              Every stay in French public and private hospitals: acute care (MCO), rehabilitation (SSR), home
              hospitalisation (HAD) and psychiatry (RIM-P), collected by the ATIH.
            acronyms:
              - { form: PMSI, case: capitalised }
              - ATIH
              - RIM-P
            names:
              - programme (medicalisation|medicalization) systeme* information
              - (program|programme) (medicalisation|medicalization) information system*
              - french (national|nationwide)? (uniform)? hospital discharge (database*|data base*|data|dataset*|data set*|record*|summar*|abstract*|register|system*|information)
              - french (national|nationwide)? hospital (database*|data base*)
              - french (national|nationwide)? (hospital|hospitalisation|hospitalization) (discharge|stay*|admission*|activity) (database*|data base*|data|record*)
              - (france|french) (national|nationwide)? (hospital|hospitalisation|hospitalization|inpatient) (database*|data base*|data|record*|register)
              - agence technique information hospitalisation
              - recueil information* medicalise* (en)? psychiatrie
              - medicine surgery obstetric* (mco)? (hospital)? (stays|database*|data|discharge*)
              - (database*|data) medicine surgery obstetric*
              - technical agency (for)? information (on)? hospital care
              - base* (nationale*)? (donnees)? (hospitalisation*|sejours hospitaliers|hospitaliere*)
            generic_names:
              - (national|nationwide) (uniform)? (hospital)? discharge (database*|data base*|data|dataset*|data set*|record*|summar*|abstract*|register|system*)
              - hospital discharge (database*|data base*|dataset*|data set*|data|record*|summar*|abstract*|register)
              - (national|nationwide) (hospital|hospitalisation|hospitalization|inpatient) (database*|data base*|data|record*|register)
              - (hospital|hospitalisation|hospitalization) (discharge|administrative) (database*|data base*|data)
            implied_by:
              - (hospital|hospitalisation|hospitalization|inpatient) (stay*|discharge*|admission*|diagnos*|record*|data)
              - (hospitalisations|hospitalizations|hospitalised|hospitalized|sejours hospitaliers|hospitalisation*)
            context_words: [hospital, hospitals, discharge, hospitalization, hospitalisation, hospitalizations, stays, admissions, database, data, national, nationwide, french, france, mco, ssr, had]
            queries:
              pubmed: ("PMSI"[tiab] OR "French hospital discharge database"[tiab] OR "national hospital discharge database"[tiab]) AND (France OR French)
            products: [PMSI MCO, PMSI SSR, PMSI HAD, PMSI RIM-P]
          - name: EGB
            title: Échantillon généraliste des bénéficiaires (1/97 sample), now ESND
            part_of: SNDS
            kind: sample
            summary: A permanent 1/97 random sample of the beneficiaries, followed for 20 years; succeeded by the ESND.
            acronyms:
              - { form: EGB, ambiguous: true }
              - { form: ESND, ambiguous: true }
              - { form: EPAS, ambiguous: true }
            names:
              - echantillon (generaliste|generalist) beneficiaires
              - echantillon systeme national donnees sante
              - echantillon permanent assures sociaux
              - (general|generalist|permanent) (representative)? sample (french|national)? (health insurance|insurance)? beneficiaries
              - (one|1) 97 (th)? (permanent|random|representative)? (sample|insured|beneficiaries|people)
              - (general|generalist|permanent) beneficiaries sample
              - 1 97 (th)? (permanent|random|representative)? (random|representative)? sample
              - sample (french)? national health (insurance|data system) (beneficiaries|database*|data)?
            generic_names:
              - (permanent|representative|random) sample (insured|beneficiaries|health insurance beneficiaries)
            context_words: [sample, beneficiaries, insurance, claims, database, data, french, france, permanent, representative, snds, sniiram, echantillon]
            queries:
              pubmed: ("EGB"[tiab] OR "ESND"[tiab] OR "Echantillon Generaliste de Beneficiaires"[tiab] OR "permanent sample of beneficiaries"[tiab] OR "general sample of beneficiaries"[tiab]) AND (France OR French)
            products: [EGB]
          - name: CepiDc
            title: Causes médicales de décès (CépiDc, Inserm)
            part_of: SNDS
            kind: mortality
            summary: Every death certificate of France since 1968, coded by Inserm's CépiDc.
            acronyms:
              - { form: CepiDc, case: any }
              - { form: CépiDc, case: any }
            names:
              - centre epidemiologie (sur)? causes medicales deces
              - epidemiolog* (centre|center) (on|for)? medical causes death
              - (french|france) (national)? (cause* death|death certificate*|mortality) (registry|register|database*|data base*|data|statistics|records|file)
              - inserm (cause* death|death certificate*|mortality) (registry|register|database*|data)
            generic_names:
              - national (cause* death|death certificate*) (registry|register|database*|data base*|data|records|file)
            context_words: [death, deaths, causes, mortality, certificates, inserm]
            queries:
              pubmed: ("CepiDc"[tiab] OR "French national cause of death"[tiab] OR "Centre d'epidemiologie sur les causes medicales de deces"[tiab])
            products: [Causes de décès]
          - name: Cartographie
            title: Cartographie des pathologies et des dépenses (CNAM)
            part_of: SNDS
            kind: aggregate
            summary: The health insurance's yearly mapping of 58 groups of diseases and their costs, computed on the SNDS.
            names:
              - cartographie pathologies
              - (disease*|pathology|pathologies) (mapping|cartography) (national health insurance|health insurance|cnam|cnamts|assurance maladie)
              - (cnam|cnamts|health insurance) (disease*|pathology|pathologies) (mapping|cartography|algorithm*)
              - cartography (diseases|pathologies|conditions)
            queries:
              pubmed: ("cartographie des pathologies"[tiab] OR "disease mapping"[tiab]) AND (CNAM OR "health insurance") AND (France OR French)
            products: [Cartographie]
          - name: DAMIR
            title: Dépenses d'assurance maladie inter-régimes (open aggregated claims)
            part_of: SNDS
            kind: aggregate
            acronyms:
              - DAMIR
              - { form: Open DAMIR, case: capitalised }
            names:
              - depenses assurance maladie inter regime*
              - open (medic|bio|lpp|damir|ccam|phmev)
            queries:
              pubmed: ("DAMIR"[tiab] OR "Open DAMIR"[tiab]) AND (France OR French)
          - name: CONSTANCES
            title: CONSTANCES, the population-based cohort of 200,000 adults of the general health insurance scheme
            kind: cohort
            acronyms:
              - CONSTANCES
              - Constances
            names:
              - constances (cohort|cohorte|study|etude)
              - cohorte constances
            queries:
              pubmed: ("CONSTANCES"[tiab]) AND (cohort OR France OR French)
          - name: E3N
            title: E3N-E4N, the cohort of teachers of the MGEN and their families
            kind: cohort
            acronyms:
              - E3N
              - E4N
            names:
              - etude epidemiologique aupres femmes mutuelle generale education nationale
            queries:
              pubmed: ("E3N"[tiab] OR "E4N"[tiab])
          - name: REIN
            title: Réseau épidémiologie et information en néphrologie (French renal registry)
            kind: registry
            acronyms:
              - { form: REIN, ambiguous: true }
            names:
              - reseau epidemiologie information nephrologie
              - (french)? renal epidemiology information network
              - rein registry
            context_words: [registry, renal, dialysis, kidney, transplantation, nephrology, end stage, esrd, esrd]
            queries:
              pubmed: ("REIN registry"[tiab] OR "Renal Epidemiology and Information Network"[tiab])
          - name: EDS-APHP
            title: Entrepôt de données de santé de l'AP-HP (clinical data warehouse of Paris hospitals)
            kind: warehouse
            names:
              - (ap hp|aphp|assistance publique hopitaux paris) (clinical)? (data warehouse|health data warehouse)
              - entrepot donnees sante (ap hp|aphp|assistance publique hopitaux paris)
              - (ap hp|aphp) (eds|cdw)
            queries:
              pubmed: ("clinical data warehouse"[tiab] AND ("AP-HP"[tiab] OR "Assistance Publique"[tiab]))
          - name: FRANCIM
            title: Réseau français des registres des cancers (FRANCIM)
            kind: registry
            acronyms:
              - { form: FRANCIM, case: capitalised }
            names:
              - french network cancer registries
              - reseau francais registres (des)? cancers
            queries:
              pubmed: ("FRANCIM"[tiab] OR "French network of cancer registries"[tiab])
        """#
}
