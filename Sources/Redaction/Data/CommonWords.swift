/// English words common in chat, including the ones that collide with census names; hand-curated for this project.
enum CommonWords {
    static let list = """
    a about above after again against all am an and any are as at be because been before being below between both but by
    can could did do does doing down during each few for from further had has have having he her here hers herself him
    himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
    our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which while who whom why will
    with would you your yours yourself yourselves yes yeah yep nope ok okay hi hello hey thanks thank please sorry sure
    great good bad best better new old big small first last next long short high low right left early late soon today
    tomorrow yesterday tonight morning afternoon evening night week month year day time date hour minute monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july august september october november
    december spring summer autumn fall winter christmas easter love hope faith joy grace mercy charity patience honor
    rose lily daisy violet iris ivy holly hazel ruby pearl crystal amber jade jasmine dawn sky star rain storm
    sunny summer autumn april june may august will bill mark frank grant rich guy ray dean chase hunter major earl duke
    king prince sterling miles lane brook brooks park parker wood woods hill hills field fields stone rock cliff glen
    dale vale ford banks bridge church hall wall gates price cash money bank card cards pay paid order orders ship
    shipping account number phone call text email mail address street road avenue city state zip code home work office
    doctor nurse patient clinic hospital health care insurance plan member policy claim record records chart appointment
    visit test tests result results lab labs scan pharmacy prescription refill dose meds medicine pain fever flu cold
    cough covid vaccine shot insulin blood pressure heart sugar weight height allergy allergies help support team
    customer service agent manager admin user users login password reset link site web app apps update version release
    build deploy server client api key keys token tokens error bug fix issue ticket case status pending approved denied
    sent received delivered returned refund invoice receipt bill bills total amount price cost fee fees tax discount
    sale deal offer free gold silver black white brown green gray grey blue red orange pink purple young little small
    baby kid kids child children son daughter mom dad mother father sister brother wife husband family friend friends
    boss sir madam mister miss lord lady god jesus chip chuck buck buddy bud sonny junior senior
    north south east west central main central lake river ocean sea bay port island beach mountain valley forest spring
    springs grove meadow garden gardens village town county country world america american english spanish french
    german new york london paris texas florida california georgia virginia carolina dakota washington jackson lincoln
    madison jordan austin houston dallas denver phoenix memphis cleveland columbus orlando tampa miami boston chicago
    seattle portland vegas reno salem troy florence sydney alexandria charlotte savannah aurora camden
    hi hey yo lol omg btw fyi asap thx ty np pls plz idk imo tbh brb gtg ttyl hmm ugh wow cool nice awesome fine
    got get go going gone come came coming see saw seen look looking want need needs know knew think thought say said
    tell told ask asked give gave take took make made keep kept let put run ran set try tried use used find found feel
    felt leave left call called move moved live lived believe bring brought happen happened write wrote sit sat stand
    stood lose lost meet met include continue learn change lead understand watch follow stop create speak read spend
    grow open walk win teach offer remember consider appear buy wait serve die send expect build stay fall cut reach
    kill remain suggest raise pass sell require report decide pull back still even also well way much many every
    another such here there where again always never sometimes maybe perhaps probably actually really just only
    message messages chat group channel thread reply replied forward forwarded attached attachment file files photo
    photos picture video link links details info information question questions answer answers problem problems
    done trying locked portal officer loan dry key id ip iban ssn dob npi dea mrn pin otp sms mms
    app acc acct api url usb pdf faq eta asap bcc fwd re dm pm am pt dr mr mrs ms jr sr ii iii iv pa np md rn dds
    rx tx er icu kinda gonna wanna gotta lemme cuz tho though yet already almost enough else ever
    age mac quick office alert
    olive ginger ale honey candy brandy sherry pepper basil sage rosemary clementine cherry peach melody apt suite ste unit
    list pack packs box lot lots item items
    """
}
