"""Exposure to a state's law: which parties it reaches, by which routes, where the data is.

The search both law kinds share (``compelled_access`` reports whom a law binds;
``conflict_of_laws`` whom a compelling law binds where a blocking law holds). A law binds a
party by incorporation, headquarters, operation in the country, control through ownership, or
because the data sits there. The search finds every party that can reach the data (data hosts
and operators, parties with remote access, whoever pushes firmware, the makers of a device
whose remote access is not declared) and climbs to their controlling owners.

What curated data knows counts as fact (:mod:`riskkit.kinds._graph.facts`): a party that is a
curated entity takes its country, state holdings and controlling curated parents where it
declares none, and a device's maker behind its brand or an OEM link reaches it like its
manufacturer. The buyer holding its own data (``to.operator = "buyer"``) is never a bound
party; a law of the place its data sits still counts, about the flow (``bonds.buyer_held``).

The search is split by what each part depends on, so that the rules of one assessment share it:

- ``spec``: the law as a rule writes it (a pydantic model, left out of the compiled build);
- ``routes`` (and ``makers``): the routes to the data depend on the procurement alone (and on
  the day, when curated makers matter): they are listed once, by party;
- ``ties``: a party's ties to a place depend on the place and the day: worked out once for
  every law of that place;
- ``bonds``: whom a law binds among a reaching party and its owners does not depend on the
  data a rule counts: worked out once per party, law and day;
- ``written``: a party's routes under a data filter are summed up once, and a route's evidence
  is written once, only for parties some law binds and some rule reports;
- ``exposure``: a bound party's exposure is put together from those summaries, only when a
  rule reports it;
- ``reach``: the search itself (``law_reaches``); where the data a bound party reaches sits is
  written as evidence only for a law that holds where the data is;
- ``needs``: where the parties the search climbs through are incorporated, when not given;
- ``subjects``: how a party the search finds is keyed, named and reported.
"""
