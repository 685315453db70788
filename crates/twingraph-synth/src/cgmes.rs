//! A CGMES 2.4.15 model (EQ, TP, SSH, GL as separate CIM/XML files with
//! `md:FullModel` headers) of the local 11 kV network, and a headroom table
//! in the layout of NGED's Network Opportunity Map.

use std::fmt::Write as _;

use crate::SynthError;
use crate::geo::{self, Pt};
use crate::model::District;
use crate::out::Out;
use crate::prng::Rng;

const CIM: &str = "http://iec.ch/TC57/2013/CIM-schema-cim16#";

/// Headroom table columns (the first nine as used by NGED's loader; the
/// headroom columns themselves are synthetic names, the real ones not found).
pub const HEADROOM_HEADER: [&str; 16] = [
    "substationID",
    "name",
    "type",
    "primary",
    "BSP",
    "GSP",
    "latitude",
    "longitude",
    "area",
    "firmCapacityMVA",
    "peakDemandMW",
    "demandHeadroomMW",
    "demandRAG",
    "generationHeadroomMW",
    "generationRAG",
    "connectedPremises",
];

fn uuid(rng: &mut Rng) -> String {
    let a = rng.next_u64();
    let b = rng.next_u64();
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48 & 0x3fff),
        b & 0xffff_ffff_ffff
    )
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// A CIM/XML document being built.
struct Doc {
    s: String,
}

impl Doc {
    fn new(id: &str, profiles: &[&str], deps: &[&str], description: &str) -> Doc {
        let mut s = String::new();
        s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            s,
            "<rdf:RDF xmlns:cim=\"{CIM}\" xmlns:md=\"http://iec.ch/TC57/61970-552/ModelDescription/1#\" xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        );
        let _ = writeln!(s, "  <md:FullModel rdf:about=\"urn:uuid:{id}\">");
        s.push_str("    <md:Model.created>2025-01-08T00:00:00Z</md:Model.created>\n");
        s.push_str("    <md:Model.scenarioTime>2025-01-15T17:30:00Z</md:Model.scenarioTime>\n");
        s.push_str("    <md:Model.version>1</md:Model.version>\n");
        for d in deps {
            let _ = writeln!(
                s,
                "    <md:Model.DependentOn rdf:resource=\"urn:uuid:{d}\"/>"
            );
        }
        let _ = writeln!(
            s,
            "    <md:Model.description>{}</md:Model.description>",
            esc(description)
        );
        s.push_str("    <md:Model.modelingAuthoritySet>urn:twingraph:synthetic:teed</md:Model.modelingAuthoritySet>\n");
        for p in profiles {
            let _ = writeln!(s, "    <md:Model.profile>{p}</md:Model.profile>");
        }
        s.push_str("  </md:FullModel>\n");
        Doc { s }
    }
    fn open(&mut self, class: &str, id: &str) {
        let _ = writeln!(self.s, "  <cim:{class} rdf:ID=\"_{id}\">");
    }
    fn about(&mut self, class: &str, id: &str) {
        let _ = writeln!(self.s, "  <cim:{class} rdf:about=\"#_{id}\">");
    }
    fn close(&mut self, class: &str) {
        let _ = writeln!(self.s, "  </cim:{class}>");
    }
    fn lit(&mut self, prop: &str, v: impl std::fmt::Display) {
        let v = esc(&v.to_string());
        let _ = writeln!(self.s, "    <cim:{prop}>{v}</cim:{prop}>");
    }
    fn res(&mut self, prop: &str, id: &str) {
        let _ = writeln!(self.s, "    <cim:{prop} rdf:resource=\"#_{id}\"/>");
    }
    fn enm(&mut self, prop: &str, value: &str) {
        let _ = writeln!(self.s, "    <cim:{prop} rdf:resource=\"{CIM}{value}\"/>");
    }
    fn named(&mut self, class: &str, id: &str, name: &str) {
        self.open(class, id);
        self.lit("IdentifiedObject.name", name);
    }
    fn finish(mut self) -> String {
        self.s.push_str("</rdf:RDF>\n");
        self.s
    }
}

struct Net {
    rng: Rng,
    eq: Doc,
    cns: Vec<(String, String, String)>, // (id, container VL id, base voltage id)
    terminals: Vec<(String, usize)>,    // (terminal id, cn index)
    switches: Vec<(String, &'static str, bool, usize, usize)>, // (id, class, open, cn a, cn b)
}

impl Net {
    fn id(&mut self) -> String {
        uuid(&mut self.rng)
    }
    fn cn(&mut self, name: &str, vl: &str, bv: &str) -> usize {
        let id = self.id();
        self.eq.named("ConnectivityNode", &id, name);
        self.eq
            .res("ConnectivityNode.ConnectivityNodeContainer", vl);
        self.eq.close("ConnectivityNode");
        self.cns.push((id, vl.into(), bv.into()));
        self.cns.len() - 1
    }
    fn terminal(&mut self, name: &str, eq_id: &str, seq: u8, cn: usize) -> String {
        let id = self.id();
        self.eq.named("Terminal", &id, name);
        self.eq.lit("ACDCTerminal.sequenceNumber", seq);
        self.eq.enm("Terminal.phases", "PhaseCode.ABC");
        self.eq.res("Terminal.ConductingEquipment", eq_id);
        let cn_id = self.cns[cn].0.clone();
        self.eq.res("Terminal.ConnectivityNode", &cn_id);
        self.eq.close("Terminal");
        self.terminals.push((id.clone(), cn));
        id
    }
    #[allow(clippy::too_many_arguments)]
    fn switch(
        &mut self,
        class: &'static str,
        name: &str,
        vl: &str,
        bv: &str,
        open: bool,
        a: usize,
        b: usize,
    ) -> String {
        let id = self.id();
        self.eq.named(class, &id, name);
        self.eq.res("Equipment.EquipmentContainer", vl);
        self.eq.res("ConductingEquipment.BaseVoltage", bv);
        self.eq.lit("Switch.normalOpen", open);
        self.eq.lit("Switch.retained", false);
        self.eq.close(class);
        self.terminal(&format!("{name} T1"), &id, 1, a);
        self.terminal(&format!("{name} T2"), &id, 2, b);
        self.switches.push((id.clone(), class, open, a, b));
        id
    }
    #[allow(clippy::too_many_arguments)]
    fn transformer(
        &mut self,
        name: &str,
        container: &str,
        s_mva: f64,
        hv: (f64, &str, usize),
        lv: (f64, &str, usize),
    ) -> String {
        let id = self.id();
        self.eq.named("PowerTransformer", &id, name);
        self.eq.res("Equipment.EquipmentContainer", container);
        self.eq.close("PowerTransformer");
        for (k, (u, bv, cn)) in [hv, lv].into_iter().enumerate() {
            let t = self.terminal(&format!("{name} T{}", k + 1), &id, k as u8 + 1, cn);
            let e = self.id();
            self.eq
                .named("PowerTransformerEnd", &e, &format!("{name} end {}", k + 1));
            // Impedances referred to the HV end (6 % reactance, X/R 8).
            let z = if k == 0 { 0.06 * u * u / s_mva } else { 0.0 };
            self.eq
                .lit("PowerTransformerEnd.r", format!("{:.6}", z / 8.0));
            self.eq.lit("PowerTransformerEnd.x", format!("{z:.6}"));
            self.eq.lit("PowerTransformerEnd.b", "0");
            self.eq.lit("PowerTransformerEnd.g", "0");
            self.eq
                .lit("PowerTransformerEnd.ratedS", format!("{s_mva:.3}"));
            self.eq.lit("PowerTransformerEnd.ratedU", format!("{u:.3}"));
            self.eq.enm(
                "PowerTransformerEnd.connectionKind",
                if k == 0 {
                    "WindingConnection.D"
                } else {
                    "WindingConnection.Yn"
                },
            );
            self.eq.lit(
                "PowerTransformerEnd.phaseAngleClock",
                if k == 0 { 0 } else { 11 },
            );
            self.eq.lit("TransformerEnd.endNumber", k + 1);
            self.eq.res("TransformerEnd.BaseVoltage", bv);
            self.eq.res("PowerTransformerEnd.PowerTransformer", &id);
            self.eq.res("TransformerEnd.Terminal", &t);
            self.eq.close("PowerTransformerEnd");
        }
        id
    }
}

/// Write the CGMES files and the headroom table.
pub fn write(
    d: &District,
    rng: &mut Rng,
    out: &mut Out,
) -> Result<Vec<(String, String, Pt)>, SynthError> {
    let mut ids = rng.fork("model-ids");
    let (eq_id, tp_id, ssh_id, gl_id) = (
        uuid(&mut ids),
        uuid(&mut ids),
        uuid(&mut ids),
        uuid(&mut ids),
    );
    let desc = "TwinGraph synthetic TEED 11 kV distribution network (CGMES 2.4.15). All names and parameters are synthetic placeholders; not an NGED model.";
    let mut n = Net {
        rng: rng.fork("ids"),
        eq: Doc::new(
            &eq_id,
            &[
                "http://entsoe.eu/CIM/EquipmentCore/3/1",
                "http://entsoe.eu/CIM/EquipmentOperation/3/1",
            ],
            &[],
            desc,
        ),
        cns: vec![],
        terminals: vec![],
        switches: vec![],
    };
    let region = n.id();
    n.eq.named("GeographicalRegion", &region, "GB");
    n.eq.close("GeographicalRegion");
    let sub_region = n.id();
    n.eq.named(
        "SubGeographicalRegion",
        &sub_region,
        "SYN West Midlands licence area",
    );
    n.eq.res("SubGeographicalRegion.Region", &region);
    n.eq.close("SubGeographicalRegion");
    let mut bvs = vec![];
    for kv in [33.0, 11.0, 0.4] {
        let id = n.id();
        n.eq.named("BaseVoltage", &id, &format!("{kv} kV"));
        n.eq.lit("BaseVoltage.nominalVoltage", format!("{kv:.2}"));
        n.eq.close("BaseVoltage");
        bvs.push(id);
    }
    let (bv33, bv11, bv04) = (bvs[0].clone(), bvs[1].clone(), bvs[2].clone());
    let mut substation_ids: Vec<(String, String, Pt)> = vec![]; // (id, name, position)
    let mut consumers: Vec<(String, f64)> = vec![];
    let mut machines: Vec<(String, f64)> = vec![];
    let mut injections: Vec<String> = vec![];
    let mut line_geo: Vec<(String, Pt, Pt)> = vec![];
    let substation =
        |n: &mut Net, name: &str, p: Pt, subs: &mut Vec<(String, String, Pt)>| -> String {
            let id = n.id();
            n.eq.named("Substation", &id, name);
            n.eq.res("Substation.Region", &sub_region);
            n.eq.close("Substation");
            subs.push((id.clone(), name.to_string(), p));
            id
        };
    let voltage_level = |n: &mut Net, name: &str, sub: &str, bv: &str, kv: f64| -> String {
        let id = n.id();
        n.eq.named("VoltageLevel", &id, name);
        n.eq.lit("VoltageLevel.highVoltageLimit", format!("{:.3}", kv * 1.06));
        n.eq.lit("VoltageLevel.lowVoltageLimit", format!("{:.3}", kv * 0.94));
        n.eq.res("VoltageLevel.Substation", sub);
        n.eq.res("VoltageLevel.BaseVoltage", bv);
        n.eq.close("VoltageLevel");
        id
    };
    let net = &d.network;
    // Secondary substation HV nodes, filled as we go.
    let mut sec_node: Vec<(usize, String)> =
        vec![(usize::MAX, String::new()); net.secondaries.len()];
    let mut sec_vl: Vec<String> = vec![String::new(); net.secondaries.len()];
    for (si, s) in net.secondaries.iter().enumerate() {
        let sub = substation(&mut n, &s.name, s.p, &mut substation_ids);
        let vl11 = voltage_level(&mut n, &format!("{} 11kV", s.name), &sub, &bv11, 11.0);
        let vl04 = voltage_level(&mut n, &format!("{} LV", s.name), &sub, &bv04, 0.4);
        let ring = n.cn(&format!("{} RMU", s.name), &vl11, &bv11);
        let txn = n.cn(&format!("{} TX HV", s.name), &vl11, &bv11);
        let lvn = n.cn(&format!("{} LV board", s.name), &vl04, &bv04);
        n.switch(
            "Disconnector",
            &format!("{} TX switch", s.name),
            &vl11,
            &bv11,
            false,
            ring,
            txn,
        );
        n.transformer(
            &format!("{} TX", s.name),
            &sub,
            f64::from(s.rating_kva) / 1000.0,
            (11.0, &bv11, txn),
            (0.433, &bv04, lvn),
        );
        let ec = n.id();
        n.eq.named(
            "EnergyConsumer",
            &ec,
            &format!("{} aggregated load", s.name),
        );
        n.eq.lit(
            "IdentifiedObject.description",
            format!(
                "{} dwellings and {} non-domestic premises, UPRN of site {}",
                s.dwellings, s.non_domestic, s.uprn
            ),
        );
        n.eq.res("Equipment.EquipmentContainer", &vl04);
        n.eq.close("EnergyConsumer");
        n.terminal(&format!("{} load T1", s.name), &ec, 1, lvn);
        consumers.push((ec, s.peak_kw / 1000.0));
        sec_node[si] = (ring, s.name.clone());
        sec_vl[si] = vl11;
    }
    for (pi, p) in net.primaries.iter().enumerate() {
        let sub = substation(&mut n, &p.name, p.p, &mut substation_ids);
        let vl33 = voltage_level(&mut n, &format!("{} 33kV", p.name), &sub, &bv33, 33.0);
        let vl11 = voltage_level(&mut n, &format!("{} 11kV", p.name), &sub, &bv11, 11.0);
        let n33 = n.cn(&format!("{} 33kV bus", p.name), &vl33, &bv33);
        let n11 = n.cn(&format!("{} 11kV bus", p.name), &vl11, &bv11);
        let bb = n.id();
        n.eq.named("BusbarSection", &bb, &format!("{} 11kV busbar", p.name));
        n.eq.res("Equipment.EquipmentContainer", &vl11);
        n.eq.close("BusbarSection");
        n.terminal(&format!("{} 11kV busbar T1", p.name), &bb, 1, n11);
        let inj = n.id();
        n.eq.named(
            "ExternalNetworkInjection",
            &inj,
            &format!("{} 33kV grid infeed", p.name),
        );
        n.eq.res("Equipment.EquipmentContainer", &vl33);
        n.eq.lit("ExternalNetworkInjection.governorSCD", "0");
        n.eq.lit("ExternalNetworkInjection.maxP", "60");
        n.eq.lit("ExternalNetworkInjection.minP", "-60");
        n.eq.lit("ExternalNetworkInjection.maxQ", "30");
        n.eq.lit("ExternalNetworkInjection.minQ", "-30");
        n.eq.close("ExternalNetworkInjection");
        n.terminal(&format!("{} infeed T1", p.name), &inj, 1, n33);
        injections.push(inj);
        for t in 1..=2 {
            n.transformer(
                &format!("{} GT{t}", p.name),
                &sub,
                p.rating_mva,
                (33.0, &bv33, n33),
                (11.0, &bv11, n11),
            );
        }
        if pi == 0 {
            // The ERF (25 MW export) and the Tyseley Energy Park biomass plant (10 MW).
            for (name, mw, vl, node) in [
                (
                    "Tyseley ERF steam turbine generator",
                    25.0,
                    vl33.clone(),
                    n33,
                ),
                (
                    "Tyseley Energy Park biomass generator",
                    10.0,
                    vl11.clone(),
                    n11,
                ),
            ] {
                let gu = n.id();
                n.eq.named("ThermalGeneratingUnit", &gu, &format!("{name} unit"));
                n.eq.res("Equipment.EquipmentContainer", &vl);
                n.eq.lit("GeneratingUnit.maxOperatingP", mw);
                n.eq.lit("GeneratingUnit.minOperatingP", "0");
                n.eq.lit("GeneratingUnit.initialP", mw);
                n.eq.close("ThermalGeneratingUnit");
                let sm = n.id();
                n.eq.named("SynchronousMachine", &sm, name);
                n.eq.res("Equipment.EquipmentContainer", &vl);
                n.eq.lit("RotatingMachine.ratedS", mw * 1.25);
                n.eq.res("RotatingMachine.GeneratingUnit", &gu);
                n.eq.enm(
                    "SynchronousMachine.type",
                    "SynchronousMachineKind.generator",
                );
                n.eq.lit("SynchronousMachine.maxQ", mw * 0.6);
                n.eq.lit("SynchronousMachine.minQ", -mw * 0.4);
                n.eq.close("SynchronousMachine");
                n.terminal(&format!("{name} T1"), &sm, 1, node);
                machines.push((sm, mw));
            }
        }
        for f in net.feeders.iter().filter(|f| f.primary == pi) {
            let head = n.cn(&format!("{} head", f.name), &vl11, &bv11);
            n.switch(
                "Breaker",
                &format!("{} CB", f.name),
                &vl11,
                &bv11,
                false,
                n11,
                head,
            );
            let line = n.id();
            n.eq.named("Line", &line, &f.name);
            n.eq.res("Line.Region", &sub_region);
            n.eq.close("Line");
            let mut from = (head, p.p);
            for (k, &s) in f.chain.iter().enumerate() {
                let to = (sec_node[s].0, net.secondaries[s].p);
                let seg = n.id();
                let km = (from.1.dist(to.1) * 1.3 / 1000.0).max(0.05);
                n.eq.named(
                    "ACLineSegment",
                    &seg,
                    &format!("{} section {}", f.name, k + 1),
                );
                n.eq.res("Equipment.EquipmentContainer", &line);
                n.eq.res("ConductingEquipment.BaseVoltage", &bv11);
                n.eq.lit("Conductor.length", format!("{km:.3}"));
                n.eq.lit("ACLineSegment.r", format!("{:.5}", 0.164 * km));
                n.eq.lit("ACLineSegment.x", format!("{:.5}", 0.080 * km));
                n.eq.lit("ACLineSegment.bch", format!("{:.8}", 0.000_1 * km));
                n.eq.lit("ACLineSegment.gch", "0");
                n.eq.close("ACLineSegment");
                n.terminal(&format!("{} section {} T1", f.name, k + 1), &seg, 1, from.0);
                n.terminal(&format!("{} section {} T2", f.name, k + 1), &seg, 2, to.0);
                line_geo.push((seg, from.1, to.1));
                from = to;
            }
        }
    }
    // Normally-open points between feeder ends.
    for (k, &(a, b)) in net.open_points.iter().enumerate() {
        let vl = sec_vl[b].clone();
        let name = format!("NOP {} - {}", sec_node[a].1, sec_node[b].1);
        let tie = n.cn(&format!("{name} tie"), &vl, &bv11);
        let line = n.id();
        n.eq.named("Line", &line, &format!("{name} interconnector"));
        n.eq.res("Line.Region", &sub_region);
        n.eq.close("Line");
        let seg = n.id();
        let (pa, pb) = (net.secondaries[a].p, net.secondaries[b].p);
        let km = (pa.dist(pb) * 1.3 / 1000.0).max(0.05);
        n.eq.named(
            "ACLineSegment",
            &seg,
            &format!("{name} interconnector {}", k + 1),
        );
        n.eq.res("Equipment.EquipmentContainer", &line);
        n.eq.res("ConductingEquipment.BaseVoltage", &bv11);
        n.eq.lit("Conductor.length", format!("{km:.3}"));
        n.eq.lit("ACLineSegment.r", format!("{:.5}", 0.164 * km));
        n.eq.lit("ACLineSegment.x", format!("{:.5}", 0.080 * km));
        n.eq.lit("ACLineSegment.bch", format!("{:.8}", 0.000_1 * km));
        n.eq.lit("ACLineSegment.gch", "0");
        n.eq.close("ACLineSegment");
        n.terminal(&format!("{name} T1"), &seg, 1, sec_node[a].0);
        n.terminal(&format!("{name} T2"), &seg, 2, tie);
        line_geo.push((seg, pa, pb));
        n.switch(
            "Disconnector",
            &format!("{name} open point"),
            &vl,
            &bv11,
            true,
            tie,
            sec_node[b].0,
        );
    }
    // Topology: connectivity nodes joined by closed switches form one node.
    let mut parent: Vec<usize> = (0..n.cns.len()).collect();
    fn find(p: &mut [usize], i: usize) -> usize {
        let mut r = i;
        while p[r] != r {
            r = p[r];
        }
        let mut j = i;
        while p[j] != r {
            let nx = p[j];
            p[j] = r;
            j = nx;
        }
        r
    }
    for &(_, _, open, a, b) in &n.switches {
        if !open {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut tp = Doc::new(
        &tp_id,
        &["http://entsoe.eu/CIM/Topology/4/1"],
        &[&eq_id],
        desc,
    );
    let mut tn_id: Vec<String> = vec![String::new(); n.cns.len()];
    let mut tn_rng = rng.fork("tn");
    #[allow(clippy::needless_range_loop)]
    for i in 0..n.cns.len() {
        if find(&mut parent, i) == i {
            let id = uuid(&mut tn_rng);
            tp.named("TopologicalNode", &id, &format!("TN{}", i + 1));
            tp.res("TopologicalNode.BaseVoltage", &n.cns[i].2);
            tp.res("TopologicalNode.ConnectivityNodeContainer", &n.cns[i].1);
            tp.close("TopologicalNode");
            tn_id[i] = id;
        }
    }
    for i in 0..n.cns.len() {
        let r = find(&mut parent, i);
        tp.about("ConnectivityNode", &n.cns[i].0);
        tp.res("ConnectivityNode.TopologicalNode", &tn_id[r]);
        tp.close("ConnectivityNode");
    }
    for (t, cn) in &n.terminals {
        let r = find(&mut parent, *cn);
        tp.about("Terminal", t);
        tp.res("Terminal.TopologicalNode", &tn_id[r]);
        tp.close("Terminal");
    }
    // Steady-state hypothesis: winter evening peak.
    let mut ssh = Doc::new(
        &ssh_id,
        &["http://entsoe.eu/CIM/SteadyStateHypothesis/1/1"],
        &[&eq_id],
        desc,
    );
    for (t, _) in &n.terminals {
        ssh.about("Terminal", t);
        ssh.lit("ACDCTerminal.connected", true);
        ssh.close("Terminal");
    }
    for (id, class, open, _, _) in &n.switches {
        ssh.about(class, id);
        ssh.lit("Switch.open", open);
        ssh.close(class);
    }
    for (id, p) in &consumers {
        ssh.about("EnergyConsumer", id);
        ssh.lit("EnergyConsumer.p", format!("{p:.4}"));
        ssh.lit("EnergyConsumer.q", format!("{:.4}", p * 0.33));
        ssh.close("EnergyConsumer");
    }
    for (id, mw) in &machines {
        ssh.about("SynchronousMachine", id);
        ssh.lit("RotatingMachine.p", format!("{:.3}", -mw));
        ssh.lit("RotatingMachine.q", "0");
        ssh.lit("RegulatingCondEq.controlEnabled", false);
        ssh.enm(
            "SynchronousMachine.operatingMode",
            "SynchronousMachineOperatingMode.generator",
        );
        ssh.lit("SynchronousMachine.referencePriority", 0);
        ssh.close("SynchronousMachine");
    }
    for (k, id) in injections.iter().enumerate() {
        ssh.about("ExternalNetworkInjection", id);
        ssh.lit("ExternalNetworkInjection.p", "0");
        ssh.lit("ExternalNetworkInjection.q", "0");
        ssh.lit(
            "ExternalNetworkInjection.referencePriority",
            if k == 0 { 1 } else { 0 },
        );
        ssh.lit("RegulatingCondEq.controlEnabled", false);
        ssh.close("ExternalNetworkInjection");
    }
    // Geographical locations (WGS84 lon/lat).
    let mut gl = Doc::new(
        &gl_id,
        &["http://entsoe.eu/CIM/GeographicalLocation/2/1"],
        &[&eq_id],
        desc,
    );
    let mut gl_rng = rng.fork("gl");
    let crs = uuid(&mut gl_rng);
    gl.named("CoordinateSystem", &crs, "WGS84");
    gl.lit("CoordinateSystem.crsUrn", "urn:ogc:def:crs:EPSG::4326");
    gl.close("CoordinateSystem");
    let mut place = |gl: &mut Doc, psr: &str, pts: &[Pt]| {
        let loc = uuid(&mut gl_rng);
        gl.open("Location", &loc);
        gl.res("Location.PowerSystemResources", psr);
        gl.res("Location.CoordinateSystem", &crs);
        gl.close("Location");
        for (k, p) in pts.iter().enumerate() {
            let (lat, lon) = geo::bng_to_wgs84(*p);
            let pp = uuid(&mut gl_rng);
            gl.open("PositionPoint", &pp);
            gl.lit("PositionPoint.sequenceNumber", k + 1);
            gl.res("PositionPoint.Location", &loc);
            gl.lit("PositionPoint.xPosition", format!("{lon:.6}"));
            gl.lit("PositionPoint.yPosition", format!("{lat:.6}"));
            gl.close("PositionPoint");
        }
    };
    for (id, _, p) in &substation_ids {
        place(&mut gl, id, &[*p]);
    }
    for (id, a, b) in &line_geo {
        place(&mut gl, id, &[*a, *b]);
    }
    let files = [
        ("EQ", n.eq.finish()),
        ("TP", tp.finish()),
        ("SSH", ssh.finish()),
        ("GL", gl.finish()),
    ];
    for (profile, text) in files {
        let records = text.matches("rdf:ID=\"").count() + text.matches("rdf:about=\"#").count();
        out.file(&format!("grid/cgmes/TEED_SYN_{profile}.xml"), false, |f| {
            f.raw(&text)?;
            f.rows = records as u64;
            Ok(())
        })?;
    }
    write_headroom(d, &substation_ids, out)?;
    Ok(substation_ids)
}

fn write_headroom(
    d: &District,
    subs: &[(String, String, Pt)],
    out: &mut Out,
) -> Result<(), SynthError> {
    let net = &d.network;
    let rag = |h: f64, cap: f64| {
        if h < 0.0 {
            "Red"
        } else if h < 0.15 * cap {
            "Amber"
        } else {
            "Green"
        }
    };
    out.file("grid/network_opportunity_map_headroom.csv", false, |f| {
        f.header(&HEADROOM_HEADER)?;
        for (k, p) in net.primaries.iter().enumerate() {
            let idx = net.secondaries.len() + k;
            let (lat, lon) = geo::bng_to_wgs84(p.p);
            let peak: f64 = net
                .secondaries
                .iter()
                .filter(|s| s.primary == k)
                .map(|s| s.peak_kw)
                .sum::<f64>()
                / 1000.0
                * 0.8;
            let prem: u32 = net
                .secondaries
                .iter()
                .filter(|s| s.primary == k)
                .map(|s| s.dwellings + s.non_domestic)
                .sum();
            let h = p.rating_mva * 0.95 - peak;
            let gen_h = if k == 0 { 2.0 } else { p.rating_mva * 0.5 };
            f.row(&[
                subs[idx].0.clone(),
                p.name.clone(),
                "Primary".into(),
                p.name.clone(),
                "SYN East Birmingham BSP".into(),
                "Nechells".into(),
                format!("{lat:.6}"),
                format!("{lon:.6}"),
                "West Midlands".into(),
                format!("{:.1}", p.rating_mva),
                format!("{peak:.2}"),
                format!("{h:.2}"),
                rag(h, p.rating_mva).into(),
                format!("{gen_h:.2}"),
                rag(gen_h, p.rating_mva).into(),
                prem.to_string(),
            ])?;
        }
        for (k, s) in net.secondaries.iter().enumerate() {
            let (lat, lon) = geo::bng_to_wgs84(s.p);
            let cap = f64::from(s.rating_kva) / 1000.0;
            let h = cap * 0.95 - s.peak_kw / 1000.0;
            let gen_h = cap * 0.6 - f64::from(s.dwellings) * 0.0005;
            f.row(&[
                subs[k].0.clone(),
                s.name.clone(),
                "Secondary".into(),
                net.primaries[s.primary].name.clone(),
                "SYN East Birmingham BSP".into(),
                "Nechells".into(),
                format!("{lat:.6}"),
                format!("{lon:.6}"),
                "West Midlands".into(),
                format!("{cap:.3}"),
                format!("{:.3}", s.peak_kw / 1000.0),
                format!("{h:.3}"),
                rag(h, cap).into(),
                format!("{gen_h:.3}"),
                rag(gen_h, cap).into(),
                (s.dwellings + s.non_domestic).to_string(),
            ])?;
        }
        Ok(())
    })
}
