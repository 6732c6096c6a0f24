import Testing

@testable import Enrichment

@Suite struct AffiliationReaderTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let structure: String?
        let country: String?
        var testDescription: String { text }
    }

    // Written for this test in the forms bylines use: French units and hospitals, postcodes, US states and ZIP
    // codes, codes in capitals, names in other languages, e-mail addresses, institutions without a country.
    static let cases: [Case] = [
        Case(text: "Université Paris Cité, Inserm, CRESS, F-75004 Paris, France", structure: "Université Paris Cité", country: "France"),
        Case(
            text: "CHU de Bordeaux, Service de pharmacologie médicale, 33076 Bordeaux Cedex, France.", structure: "CHU de Bordeaux",
            country: "France"),
        Case(
            text: "Inserm U1219, Bordeaux Population Health, Université de Bordeaux, Bordeaux", structure: "Université de Bordeaux", country: "France"
        ),
        Case(text: "Hospices Civils de Lyon, Service d'hépatologie, Lyon", structure: "Hospices Civils de Lyon", country: "France"),
        Case(text: "Santé publique France, 12 rue du Val d'Osne, 94415 Saint-Maurice", structure: "Santé publique France", country: "France"),
        Case(
            text: "Caisse nationale de l'Assurance maladie (Cnam), Paris, France", structure: "Caisse nationale de l'Assurance maladie (Cnam)",
            country: "France"),
        Case(text: "Inserm UMR 1153, Epidemiology of Perinatal Health, Paris", structure: "Inserm", country: "France"),
        Case(text: "CNRS UMR 5525, TIMC, Grenoble", structure: "CNRS", country: "France"),
        Case(
            text: "Assistance Publique - Hôpitaux de Paris (AP-HP), Hôpital Bichat, Paris, France",
            structure: "Assistance Publique - Hôpitaux de Paris (AP-HP)", country: "France"),
        Case(
            text: "Institut Pasteur, Unité d'épidémiologie des maladies émergentes, 75015 Paris, France", structure: "Institut Pasteur",
            country: "France"),
        Case(text: "Aix-Marseille Univ, IRD, AP-HM, SSA, VITROME, Marseille, France", structure: "Aix-Marseille Univ", country: "France"),
        Case(text: "Service de réanimation, CHRU de Lille, F-59000 Lille", structure: "CHRU de Lille", country: "France"),
        Case(text: "EHESP School of Public Health, Rennes, France", structure: "EHESP School of Public Health", country: "France"),
        Case(
            text: "Agence nationale de sécurité du médicament (ANSM), Saint-Denis, France",
            structure: "Agence nationale de sécurité du médicament (ANSM)", country: "France"),
        Case(
            text: "Department of Epidemiology, Harvard T.H. Chan School of Public Health, Boston, MA 02115, USA",
            structure: "Harvard T.H. Chan School of Public Health", country: "United States"),
        Case(
            text: "Division of General Internal Medicine, Massachusetts General Hospital, Boston, MA", structure: "Massachusetts General Hospital",
            country: "United States"),
        Case(
            text: "Perelman School of Medicine, University of Pennsylvania, Philadelphia, PA 19104", structure: "University of Pennsylvania",
            country: "United States"),
        Case(
            text: "Department of Neurology, Royal Hallamshire Hospital, Sheffield S10 2JF, UK.", structure: "Royal Hallamshire Hospital",
            country: "United Kingdom"),
        Case(
            text: "London School of Hygiene & Tropical Medicine, Keppel Street, London WC1E 7HT",
            structure: "London School of Hygiene & Tropical Medicine", country: "United Kingdom"),
        Case(text: "Usher Institute, University of Edinburgh, Edinburgh, Scotland", structure: "University of Edinburgh", country: "United Kingdom"),
        Case(
            text: "School of Medicine, Cardiff University, Cardiff, Wales, United Kingdom", structure: "Cardiff University", country: "United Kingdom"
        ),
        Case(
            text: "Klinik für Kardiologie, Universitätsklinikum Heidelberg, Heidelberg, Deutschland", structure: "Universitätsklinikum Heidelberg",
            country: "Germany"),
        Case(
            text: "Max Planck Institute for Demographic Research, Rostock, DE", structure: "Max Planck Institute for Demographic Research",
            country: "Germany"),
        Case(
            text: "Department of Preventive Medicine, Seoul National University College of Medicine, Seoul, Republic of Korea",
            structure: "Seoul National University College of Medicine", country: "South Korea"),
        Case(
            text: "School of Public Health, Fudan University, Shanghai 200032, People's Republic of China", structure: "Fudan University",
            country: "China"),
        Case(
            text: "Department of Surgery, The Chinese University of Hong Kong, Shatin, Hong Kong, China",
            structure: "The Chinese University of Hong Kong", country: "Hong Kong"),
        Case(
            text: "Julius Center for Health Sciences, University Medical Center Utrecht, Utrecht, The Netherlands",
            structure: "University Medical Center Utrecht", country: "Netherlands"),
        Case(
            text: "Karolinska Institutet, Department of Medical Epidemiology and Biostatistics, Stockholm, Sweden",
            structure: "Karolinska Institutet", country: "Sweden"),
        Case(
            text: "Dipartimento di Scienze Mediche, Università degli Studi di Torino, Torino, Italia", structure: "Università degli Studi di Torino",
            country: "Italy"),
        Case(
            text: "Servicio de Cardiología, Hospital Universitario La Paz, Madrid, España", structure: "Hospital Universitario La Paz",
            country: "Spain"),
        Case(
            text: "Faculdade de Medicina, Universidade de São Paulo, São Paulo, SP, Brasil", structure: "Universidade de São Paulo", country: "Brazil"
        ),
        Case(
            text: "Department of Community Medicine, All India Institute of Medical Sciences, New Delhi 110029, IN",
            structure: "All India Institute of Medical Sciences", country: "India"),
        Case(text: "Graduate School of Medicine, Kyoto University, Kyoto 606-8501 Japan", structure: "Kyoto University", country: "Japan"),
        Case(text: "McGill University Health Centre, Montréal, QC H4A 3J1, Canada", structure: "McGill University Health Centre", country: "Canada"),
        Case(text: "Dalla Lana School of Public Health, University of Toronto, Toronto, ON", structure: "University of Toronto", country: "Canada"),
        Case(text: "Faculty of Medicine, University of Ghana, Accra", structure: "University of Ghana", country: "Ghana"),
        Case(text: "Universidad de Chile, Santiago", structure: "Universidad de Chile", country: "Chile"),
        Case(text: "Centre de recherche du CHUM, Université de Montréal, Montréal, Québec", structure: "Université de Montréal", country: "Canada"),
        Case(
            text: "Institut de Recherche Clinique et Expérimentale, UCLouvain, Brussels, Belgique",
            structure: "Institut de Recherche Clinique et Expérimentale", country: "Belgium"),
        Case(
            text: "Département de médecine, Hôpitaux Universitaires de Genève, Genève, Suisse", structure: "Hôpitaux Universitaires de Genève",
            country: "Switzerland"),
        Case(
            text: "Department of Medicine, Emory University School of Medicine, Atlanta, Georgia", structure: "Emory University School of Medicine",
            country: "United States"),
        Case(
            text: "Faculty of Medicine, Tbilisi State Medical University, Tbilisi, Georgia", structure: "Tbilisi State Medical University",
            country: "Georgia"),
        Case(
            text: "Nissan Chemical Industries, Ltd., 1470 Shiraoka, Saitama 349-0294, Japan", structure: "Nissan Chemical Industries",
            country: "Japan"),
        Case(
            text: "Department of Cardiology, Odense University Hospital, Odense, Denmark. jens.hansen@rsyd.dk",
            structure: "Odense University Hospital", country: "Denmark"),
        Case(text: "Inserm U1018, CESP, Villejuif. Electronic address: marie.durand@inserm.fr", structure: "Inserm", country: "France"),
        Case(
            text: "Department of Biostatistics, Johns Hopkins Bloomberg School of Public Health; jdoe@jhu.edu",
            structure: "Johns Hopkins Bloomberg School of Public Health", country: "United States"),
        Case(
            text: "and Department of Pediatrics, University Hospital Zurich, Zürich, CH", structure: "University Hospital Zurich",
            country: "Switzerland"),
        Case(text: "Department of Pharmacology University of Lagos", structure: "University of Lagos", country: "Nigeria"),
        Case(text: "Tokyo Medical and Dental University", structure: "Tokyo Medical and Dental University", country: "Japan"),
        Case(
            text: "Faculty of Health and Medical Sciences University of Copenhagen  Copenhagen Denmark", structure: "University of Copenhagen",
            country: "Denmark"),
        Case(text: "Service de néphrologie", structure: nil, country: nil),
        Case(text: "Ophthalmology; and", structure: nil, country: nil),
        Case(text: "Department of Internal Medicine", structure: nil, country: nil),
        Case(text: "Independent researcher, Lyon, France", structure: nil, country: "France"),
        Case(text: "Ministry of Health, Riyadh, KSA", structure: "Ministry of Health", country: "Saudi Arabia"),
        Case(
            text: "Northern Optics &#x0026; Instruments Suzhou (Group) Co., Ltd,Suzhou,China",
            structure: "Northern Optics & Instruments Suzhou (Group)", country: "China"),
    ]

    @Test(arguments: cases) func readsStructureAndCountry(_ example: Case) {
        let read = AffiliationReader.read(example.text)
        #expect(read.structure == example.structure)
        #expect(read.country?.name == example.country)
    }

    @Test func aCodeIsACountryOnlyWhenItIsTheWholePartInCapitals() {
        #expect(AffiliationReader.read("Institut für Medizin, Universität Leipzig, Leipzig, DE").country?.name == "Germany")
        #expect(AffiliationReader.read("Hospital Clínic de Barcelona, Villarroel 170, Barcelona").country?.name == "Spain")
        #expect(AffiliationReader.read("Indiana University, Indianapolis, IN").country?.name == "United States", "IN is Indiana here, not India")
        #expect(AffiliationReader.read("Laboratoire de biologie, de").country?.name == nil)
        #expect(AffiliationReader.read("Unidad de Epidemiología, in").country?.name == nil)
    }

    @Test func eMailDomainsAreTheLastResort() {
        #expect(AffiliationReader.read("Department of Statistics; anna.berg@med.uni-muenchen.de").country?.name == "Germany")
        #expect(AffiliationReader.read("Unit of Biostatistics; someone@gmail.com").country?.name == nil)
        #expect(AffiliationReader.read("Unit of Biostatistics, Oslo, Norway; someone@ki.se").country?.name == "Norway", "the byline over the address")
        #expect(AffiliationReader.read("Unit of Biostatistics; someone@gmail.com").structure == nil)
    }

    @Test func everyCountryHasOneEntryAndItsNameReadsBack() {
        #expect(Country.all.count >= 200)
        #expect(Set(Country.all.map(\.code)).count == Country.all.count)
        #expect(Set(Country.all.map(\.code3)).count == Country.all.count)
        for country in Country.all where country.name != "Georgia" && !country.name.contains(",") {
            #expect(AffiliationReader.read("Some Institute, \(country.name)").country == country)
        }
    }
}
