/// USPS Publication 28 street suffixes (names and standard abbreviations) and US states, lower-cased.
enum StreetSuffixes {
    static let list = """
    allee alley ally aly anex annex annx anx arc arcade av ave aven avenu avenue avn avnue bayou bayoo byu beach bch bend
    bnd bluff bluf blf bluffs blfs bottom bot btm bottm boulevard boul boulv blvd branch brnch br bridge brdge brg
    bridges brgs brook brk brooks brks burg bg burgs bgs bypass bypa bypas byps byp camp cp cmp canyon canyn cnyn cyn
    cape cpe causeway causwa cswy center cen cent centr centre cnter cntr ctr centers ctrs circle circ circl crcl crcle
    cir circles cirs cliff clf cliffs clfs club clb common cmn commons cmns corner cor corners cors course crse cse court
    ct courts cts cove cv coves cvs creek crk crescent cres crsent crsnt crest crst crossing crssng xing crossroad xrd
    crossroads xrds curve curv dale dl dam dm divide div dv dvd drive driv drv dr drives drs estate est estates ests
    expressway exp expr express expw expy extension ext extn extnsn extensions exts fall falls fls ferry frry fry field
    fld fields flds flat flt flats flts ford frd fords frds forest forests frst forge forg frg forges frgs fork frk forks
    frks fort frt ft freeway freewy frway frwy fwy garden gardn grden grdn gdn gardens gdns grdns gateway gatewy gatway
    gtway gtwy glen gln glens glns green grn greens grns grove grov grv groves grvs harbor harb harbr hrbor hbr harbors
    hbrs haven hvn heights ht hts highway highwy hiway hiwy hway hwy hill hl hills hls hollow hllw hollows holw holws
    inlet inlt island islnd islands iss islnds isle isles junction jction jctn junctn juncton jct junctions jctns jcts
    key ky keys kys knoll knol knl knolls knls lake lk lakes lks land landing lndng lndg lane ln light lgt lights lgts
    loaf lf lock lck locks lcks lodge ldge lodg ldg loop loops mall manor mnr manors mnrs meadow mdw meadows mdws medows
    mews mill ml mills mls mission missn msn motorway mtwy mount mnt mt mountain mntain mntn mountin mtin mtn mountains
    mntns mtns neck nck orchard orchrd orch oval ovl overpass opas park prk parks parkway parkwy pkway pkwy pky parkways
    pkwys pass passage psge path paths pike pikes pine pne pines pnes place pl plain pln plains plns plaza plz plza point
    pt points pts port prt ports prts prairie pr prr radial rad radiel radl ramp ranch ranches rnch rnchs rapid rpd
    rapids rpds rest rst ridge rdge rdg ridges rdgs river rvr rivr riv road rd roads rds route rte row rue run shoal shl
    shoals shls shore shoar shr shores shoars shrs skyway skwy spring spng sprng spg springs spngs sprngs spgs spur spurs
    square sqr sqre squ sq squares sqrs sqs station statn stn sta stravenue strav straven stravn strvn strvnue stra
    stream streme strm street strt str st streets sts summit sumit sumitt smt terrace terr ter throughway trwy trace
    traces trce track tracks trak trk trks trafficway trfy trail trails trl trls trailer trlr trlrs tunnel tunel tunls
    tunnels tunnl tunl turnpike trnpk turnpk tpke underpass upas union un unions uns valley vally vlly vly valleys vlys
    viaduct vdct viadct via via view vw views vws village villag vill villg villiage vlg villages vlgs ville vl vista vist
    vst vsta vis walk walks wall way wy ways well wl wells wls close crescent
    """

    static let states = """
    al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri
    sc sd tn tx ut vt va wa wv wi wy dc pr vi gu as mp
    """

    static let stateNames = """
    alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida, georgia, hawaii, idaho,
    illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland, massachusetts, michigan, minnesota,
    mississippi, missouri, montana, nebraska, nevada, new hampshire, new jersey, new mexico, new york, north carolina,
    north dakota, ohio, oklahoma, oregon, pennsylvania, rhode island, south carolina, south dakota, tennessee, texas,
    utah, vermont, virginia, washington, west virginia, wisconsin, wyoming, district of columbia, puerto rico
    """
}
