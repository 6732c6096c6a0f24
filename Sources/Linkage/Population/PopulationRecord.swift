/// One record of a test population file, as a source would hold it; NULL fields are missing values.
public struct PopulationRecord: Sendable, Equatable {
    public var id: Int
    /// The hidden person the record is of: never written, there for the truth and for tests.
    public var person: Int
    public var givenName: String?
    public var surname: String?
    /// `1` for men, `2` for women, as the social security number and the SNDS code it.
    public var sex: String
    public var birthDate: String?
    public var streetNumber: String?
    public var streetName: String?
    public var postcode: String?
    public var commune: String?
    public var department: String?
    public var nir: String?
    public var insuranceScheme: String?
    public var careDate: String?
    public var diagnosis: String?

    public static let columns = [
        "record_id", "given_name", "surname", "sex", "birth_date", "street_number", "street_name", "postcode", "commune", "department",
        "nir", "insurance_scheme", "care_date", "diagnosis",
    ]

    /// The fields a missing value can hit: all but the id and sex.
    static let blankable: [WritableKeyPath<PopulationRecord, String?> & Sendable] = [
        \.givenName, \.surname, \.birthDate, \.streetNumber, \.streetName, \.postcode, \.commune, \.department, \.nir,
        \.insuranceScheme, \.careDate, \.diagnosis,
    ]

    /// The values in the order of `columns`.
    public var values: [String?] {
        [
            String(id), givenName, surname, sex, birthDate, streetNumber, streetName, postcode, commune, department, nir, insuranceScheme,
            careDate, diagnosis,
        ]
    }

    /// The record of `person` with nothing corrupted.
    init(id: Int, of person: PopulationPerson) {
        self.id = id
        self.person = person.index
        givenName = person.givenName
        surname = person.surname
        sex = person.female ? "2" : "1"
        birthDate = person.birthDate
        nir = person.nir
        insuranceScheme = person.scheme
        careDate = person.care.iso
        diagnosis = person.diagnosis
        place(at: person.address)
    }

    mutating func place(at address: PopulationAddress) {
        streetNumber = String(address.number)
        streetName = address.street
        postcode = address.postcode
        commune = address.communeCode
        department = address.departmentCode
    }
}
