// Paie par les règles officielles (publicodes + modele-social, versions figées dans package-lock.json).
//
//   node payroll/generate.mjs < situations.json   -> JSON : un résultat par situation
//   node payroll/generate.mjs --grille [--annees 2026,2027]
//                                                  -> CSV de data/paie_regles.csv (voir « Grille »)
//   node payroll/generate.mjs --grille --points < points.json
//                                                  -> JSON : une ligne de grille par point
//
// Une situation : {"poste": "mediateur", "base": "net" | "brut", "montant": 1600,
//                  "options": {"règle publicodes": "expression", ...}}
// Les postes viennent de data/parameters.csv (salaire_net_* et salaire_brut_*) et les
// options de data/paie_options.csv (poste « * » = tous les postes).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Engine from 'publicodes'
import rules from 'modele-social'

const HERE = dirname(fileURLToPath(import.meta.url))
const DATA = process.env.AAAS_DATA_DIR || join(HERE, '..', 'data')
const VERSION = createRequire(import.meta.url)('modele-social/package.json').version
const quiet = { log() {}, warn() {}, error() {} }
const engine = new Engine(rules, { logger: quiet })
const REGLES = engine.getParsedRules()

const ENTREE = {
  brut: 'salarié . contrat . salaire brut',
  net: 'salarié . rémunération . net . à payer avant impôt',
}
const SORTIES = {
  brut: 'salarié . contrat . salaire brut',
  net: 'salarié . rémunération . net . à payer avant impôt',
  cotisations_salariales: 'salarié . cotisations . salarié',
  cotisations_patronales: 'salarié . cotisations . employeur',
  cout_employeur: 'salarié . coût total employeur',
  reduction_generale: 'salarié . cotisations . exonérations . RGDU',
}

function montant(regle) {
  if (!(regle in REGLES)) return null
  const v = engine.evaluate({ valeur: regle, unité: '€/mois' }).nodeValue
  return typeof v === 'number' ? Math.round(v * 100) / 100 : v === false || v === null ? 0 : null
}

const texteOptions = (options) => Object.entries(options).map(([k, v]) => `${k} = ${v}`).join(' ; ')

export function calcule({ poste, base, montant: m, options = {} }) {
  if (!(base in ENTREE)) throw new Error(`${poste} : base « ${base} » inconnue (brut ou net)`)
  engine.setSituation({ ...options, [ENTREE[base]]: `${m} €/mois` })
  const out = { poste, base, montant: m, version_regles: VERSION, date_regles: engine.evaluate('date').nodeValue }
  for (const [cle, regle] of Object.entries(SORTIES)) out[cle] = montant(regle)
  out.options = texteOptions(options)
  return out
}

// CSV minimal (RFC 4180 : champs entre guillemets, guillemets doublés).
function lisCsv(fichier) {
  const texte = readFileSync(join(DATA, fichier), 'utf8')
  const lignes = []
  let champ = '', ligne = [], guillemets = false
  for (let i = 0; i < texte.length; i++) {
    const c = texte[i]
    if (guillemets) {
      if (c === '"' && texte[i + 1] === '"') { champ += '"'; i++ } else if (c === '"') guillemets = false
      else champ += c
    } else if (c === '"') guillemets = true
    else if (c === ',') { ligne.push(champ); champ = '' }
    else if (c === '\n') { ligne.push(champ.replace(/\r$/, '')); lignes.push(ligne); ligne = []; champ = '' }
    else champ += c
  }
  if (champ || ligne.length) { ligne.push(champ); lignes.push(ligne) }
  const [tete, ...corps] = lignes
  return corps.filter((l) => l.length > 1).map((l) => Object.fromEntries(tete.map((t, j) => [t, l[j] ?? ''])))
}

function situationsDuRapport() {
  const options = lisCsv('paie_options.csv')
  const out = []
  for (const p of lisCsv('parameters.csv')) {
    const m = /^salaire_(net|brut)_(.+)$/.exec(p.name)
    if (!m) continue
    const [, base, poste] = m
    const opts = {}
    for (const o of options) if (o.poste === '*' || o.poste === poste) opts[o.regle] = o.valeur
    out.push({ poste, base, montant: Number(p.value), options: opts })
  }
  return out
}

const cellule = (v) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))

// --- Grille : salaire brut -> paie, que Python interpole (data/paie_regles.csv) ----------
//
// Un profil = les postes qui partagent le même jeu d'options (lignes « * » et lignes du poste
// de paie_options.csv), postes dans l'ordre de parameters.csv (colonne postes, séparés par
// « ; »), profils dans l'ordre de leur premier poste.  Pour chaque année (--annees 2026,2027 ;
// 2026 par défaut ; modele-social 11.1.0 n'a que la formule 2026 de la réduction générale,
// RGDU, et ne couvre donc que 2026), les mois 01 à 12 sont évalués sur des sondes (SMIC,
// plafond de la sécurité sociale, coût employeur et net de chaque profil à quelques bruts) ;
// des mois consécutifs aux sondes identiques forment une période (periode = son premier
// jour, mois = son nombre de mois ; 12 mois par profil et par année).
// Les bruts (€/mois, temps plein) sont les mêmes pour toutes les périodes d'un profil et
// d'une année (Python peut moyenner les périodes ligne à ligne) :
//   - de 1 800 à 20 000 € par pas de 25 € ;
//   - chaque SMIC de l'année, et le brut exact de chaque poste du profil au salaire du
//     rapport (poste au brut : son montant ; poste au net : le brut que donnent les règles
//     pour ce net, à chaque période), au centime ;
//   - les ruptures des règles, localisées au centime par dichotomie : là où, sur la grille
//     régulière, une grandeur s'écarte des droites de ses voisins des deux côtés, on ajoute
//     les deux centimes qui l'encadrent (plafond de la sécurité sociale, 4 plafonds, fin de
//     la réduction générale à 3 SMIC…).  Net, cotisations salariales et coût avant réduction
//     générale sont affines par morceaux (tolérance 0,001 €) ; la réduction générale, dont
//     le coefficient est arrondi à 4 décimales, est un escalier de marches de 0,0001 × brut
//     (tolérance 2 €) : entre SMIC et 3 SMIC, l'interpolation du coût employeur peut donc
//     s'écarter des règles d'au plus une marche (≤ 0,56 €/mois).  Au plafond de la sécurité
//     sociale, la contribution d'équilibre technique (0,14 % de tout le brut pour le salarié)
//     fait baisser le net d'environ 5,60 € : le net n'y est pas croissant.
// Montants en €/mois arrondis à 0,0001 € (la précision de l'interpolation, pas celle d'une
// fiche de paie).  Sortie déterministe : mêmes règles et mêmes données, mêmes octets.
//
// --grille --points : un tableau JSON de points {"options": {...}, "periode": "01/06/2026",
// "brut": 2050.5} (ou "net" au lieu de "brut") sur l'entrée standard ; en sortie, pour chaque
// point, les montants de la grille au même arrondi (tests/checks/test_paie_regles.py).

const GRILLE = { de: 1800, a: 20000, pas: 25 } // €/mois
const SONDES = [1900, 3000, 4500, 6500, 17000] // bruts (€/mois) des sondes de périodes
const SMIC = 'salarié . temps de travail . SMIC'
const PSS = 'plafond sécurité sociale'
const MONTANTS = ['brut', 'net', 'cotisations_salariales', 'cotisations_patronales', 'reduction_generale',
  'cout_employeur', 'smic']
const COLONNES_GRILLE = ['postes', 'options', 'annee', 'periode', 'mois', ...MONTANTS, 'version_regles']
// Les grandeurs dont on cherche les ruptures, et l'écart toléré à la droite des voisins (€/mois).
const RUPTURES = [
  [(v) => v.net, 0.001],
  [(v) => v.cotisations_salariales, 0.001],
  [(v) => v.cout_employeur + v.reduction_generale, 0.001],
  [(v) => v.reduction_generale, 2],
]
const r4 = (v) => Math.round(v * 1e4) / 1e4 + 0 // + 0 : jamais « -0 »
const centimes = (euros) => Math.round(euros * 100)

// Une règle en €/mois, non arrondie (non applicable : 0) ; null si la règle n'existe pas.
function valeur(regle) {
  if (!(regle in REGLES)) return null
  const v = engine.evaluate({ valeur: regle, unité: '€/mois' }).nodeValue
  if (v === false || v === null) return 0
  if (typeof v !== 'number') throw new Error(`${regle} : valeur non numérique (${v})`)
  return v
}

// La paie d'un salaire (base brut ou net, €/mois) à une date « 01/MM/AAAA ».
function paie(options, date, base, montant) {
  engine.setSituation({ ...options, date, [ENTREE[base]]: `${montant} €/mois` })
  const out = { smic: valeur(SMIC), pss: valeur(PSS) }
  for (const [cle, regle] of Object.entries(SORTIES)) out[cle] = valeur(regle)
  for (const cle of MONTANTS) if (out[cle] === null) throw new Error(`règle absente de modele-social ${VERSION} : ${cle}`)
  return out
}

// La paie d'un profil, mémorisée (la dichotomie et les périodes réévaluent les mêmes points).
function evalue(profil, date, base, cts) {
  const cle = `${date}|${base}|${cts}`
  if (!profil.memo.has(cle)) profil.memo.set(cle, paie(profil.options, date, base, cts / 100))
  return profil.memo.get(cle)
}

function profils() {
  const par = new Map()
  for (const s of situationsDuRapport()) {
    const cle = JSON.stringify(Object.entries(s.options).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (!par.has(cle)) par.set(cle, { options: s.options, situations: [], memo: new Map() })
    par.get(cle).situations.push(s)
  }
  return [...par.values()].map((p) => ({ ...p, postes: p.situations.map((s) => s.poste).join(';') }))
}

// Les périodes d'une année : mois consécutifs aux sondes identiques (pour tous les profils).
function periodes(annee, liste) {
  const out = []
  for (let m = 1; m <= 12; m++) {
    const date = `01/${String(m).padStart(2, '0')}/${annee}`
    const sondes = JSON.stringify(liste.map((p) => SONDES.map((b) => {
      const v = evalue(p, date, 'brut', b * 100)
      return [v.smic, v.pss, v.cout_employeur, v.net].map((x) => (x === null ? null : r4(x)))
    })))
    if (out.length && out[out.length - 1].sondes === sondes) out[out.length - 1].mois++
    else out.push({ annee, date, mois: 1, sondes })
  }
  return out
}

// Les ruptures d'une grandeur sur la grille régulière ``xs`` (centimes) : les deux centimes
// qui encadrent chacune.
function ruptures(profil, date, xs) {
  const v = xs.map((c) => evalue(profil, date, 'brut', c))
  const droite = (i, j, x, g) => g(v[i]) + ((g(v[j]) - g(v[i])) * (x - xs[i])) / (xs[j] - xs[i])
  const out = []
  for (let i = 1; i + 2 < xs.length; i++) {
    const rompues = RUPTURES.filter(([g, tol]) =>
      Math.abs(droite(i - 1, i, xs[i + 1], g) - g(v[i + 1])) > tol &&
      Math.abs(droite(i + 1, i + 2, xs[i], g) - g(v[i])) > tol)
    if (!rompues.length) continue
    const suit = (c) => {
      const w = evalue(profil, date, 'brut', c)
      return rompues.every(([g, tol]) => Math.abs(droite(i - 1, i, c, g) - g(w)) <= tol)
    }
    let [bas, haut] = [xs[i], xs[i + 1]]
    while (haut - bas > 1) {
      const milieu = Math.floor((bas + haut) / 2)
      if (suit(milieu)) bas = milieu
      else haut = milieu
    }
    out.push(bas, haut)
  }
  return out
}

// Les lignes d'un profil pour une année : les mêmes bruts à chaque période.
function lignesProfil(profil, pers) {
  const reguliers = []
  for (let c = GRILLE.de * 100; c <= GRILLE.a * 100; c += GRILLE.pas * 100) reguliers.push(c)
  const bruts = new Set(reguliers)
  for (const per of pers) {
    bruts.add(centimes(evalue(profil, per.date, 'brut', reguliers[0]).smic))
    for (const s of profil.situations) {
      const c = centimes(s.montant)
      bruts.add(s.base === 'brut' ? c : centimes(evalue(profil, per.date, 'net', c).brut))
    }
    for (const c of ruptures(profil, per.date, reguliers)) bruts.add(c)
  }
  const tries = [...bruts].sort((a, b) => a - b)
  return pers.flatMap((per) => tries.map((c) => {
    const v = evalue(profil, per.date, 'brut', c)
    const ligne = { postes: profil.postes, options: texteOptions(profil.options), annee: per.annee,
      periode: per.date, mois: per.mois, version_regles: VERSION }
    for (const k of MONTANTS) ligne[k] = r4(v[k])
    return ligne
  }))
}

function grille(annees) {
  const debut = Date.now()
  const liste = profils()
  const pers = annees.map((a) => periodes(a, liste))
  const lignes = liste.flatMap((p) => pers.flatMap((per) => lignesProfil(p, per)))
  const texte = [COLONNES_GRILLE.join(','), ...lignes.map((l) => COLONNES_GRILLE.map((c) => cellule(l[c])).join(','))]
  const resume = pers.flat().map((p) => `${p.date} (${p.mois} mois)`).join(', ')
  process.stderr.write(`paie_regles : ${lignes.length} lignes, ${liste.length} profils, périodes ${resume}, ` +
    `${((Date.now() - debut) / 1000).toFixed(1)} s\n`)
  return texte.join('\n') + '\n'
}

// --grille --points : les montants de la grille en des points quelconques.
function points(entrees) {
  return entrees.map(({ options = {}, periode, brut, net }) => {
    const v = brut !== undefined ? paie(options, periode, 'brut', brut) : paie(options, periode, 'net', net)
    const out = { periode, version_regles: VERSION }
    for (const k of MONTANTS) out[k] = r4(v[k])
    return out
  })
}

function annees(args) {
  const i = args.indexOf('--annees')
  const liste = i < 0 ? ['2026'] : String(args[i + 1] ?? '').split(',')
  for (const a of liste) if (!/^\d{4}$/.test(a)) throw new Error(`--annees : année « ${a} » invalide (ex. 2026 ou 2026,2027)`)
  return liste
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2)
  const entree = () => JSON.parse(readFileSync(0, 'utf8'))
  if (args.includes('--grille') && args.includes('--points')) {
    process.stdout.write(JSON.stringify(points(entree()), null, 1) + '\n')
  } else if (args.includes('--grille')) process.stdout.write(grille(annees(args)))
  else process.stdout.write(JSON.stringify(entree().map(calcule), null, 1) + '\n')
}
