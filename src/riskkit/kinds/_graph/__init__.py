"""The ownership graph behind the listed-entity kind, and a party's effective facts.

Procurement parties and curated entities are nodes; holdings, identities, brands and OEM links
are edges (``edges``). ``reach`` answers which listed ids a node is, or is affiliated with under
a list's own affiliate rule, with the chains that show how; ``fast_path`` gives the same ids
without the chains, which is all most rules need to learn that they do not apply, helped by what
curated entities reach (``ownership``, worked out once per loaded entity data). What listed
persons own in the aggregate, as OFAC's 50 % rule counts it, depends on the whole listing
(``aggregate``). ``producers`` finds who makes a component; ``facts`` what a party's
incorporation and controlling parents are, declared or curated.

The names the rule kinds use are exposed here.
"""

from __future__ import annotations

from riskkit.kinds._graph.edges import AffiliateRule as AffiliateRule
from riskkit.kinds._graph.edges import Link as Link
from riskkit.kinds._graph.edges import Node as Node
from riskkit.kinds._graph.edges import Step as Step
from riskkit.kinds._graph.edges import entities_of_party as entities_of_party
from riskkit.kinds._graph.edges import same_ids as same_ids
from riskkit.kinds._graph.fast_path import reach_ids as reach_ids
from riskkit.kinds._graph.producers import Chain as Chain
from riskkit.kinds._graph.producers import Origin as Origin
from riskkit.kinds._graph.producers import producer_chains as producer_chains
from riskkit.kinds._graph.producers import producers_of as producers_of
from riskkit.kinds._graph.reach import controlling_ancestors as controlling_ancestors
from riskkit.kinds._graph.reach import reach_any as reach_any
from riskkit.kinds._graph.reach import reach_links as reach_links
