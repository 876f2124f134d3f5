// Paie par les règles officielles (publicodes + modele-social, versions figées dans package-lock.json).
//
//   node payroll/generate.mjs < situations.json   -> JSON : un résultat par situation
//   node payroll/generate.mjs --table              -> CSV de data/paie_modele_social.csv
//
// Une situation : {"poste": "mediateur", "base": "net" | "brut", "montant": 1600,
//                  "options": {"règle publicodes": "expression", ...}}
// En mode --table, les postes viennent de data/parameters.csv (salaire_net_* et
// salaire_brut_*) et les options de data/paie_options.csv (poste « * » = tous les postes).
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

export function calcule({ poste, base, montant: m, options = {} }) {
  if (!(base in ENTREE)) throw new Error(`${poste} : base « ${base} » inconnue (brut ou net)`)
  engine.setSituation({ ...options, [ENTREE[base]]: `${m} €/mois` })
  const out = { poste, base, montant: m, version_regles: VERSION, date_regles: engine.evaluate('date').nodeValue }
  for (const [cle, regle] of Object.entries(SORTIES)) out[cle] = montant(regle)
  out.options = Object.entries(options).map(([k, v]) => `${k} = ${v}`).join(' ; ')
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

const COLONNES = ['poste', 'base', 'montant', 'net', 'brut', 'cotisations_salariales', 'cotisations_patronales',
  'reduction_generale', 'cout_employeur', 'taux_patronal_implicite', 'taux_salarial_implicite', 'version_regles',
  'date_regles', 'options']
const cellule = (v) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))

function table() {
  const lignes = [COLONNES.join(',')]
  for (const s of situationsDuRapport()) {
    const r = calcule(s)
    r.taux_patronal_implicite = Math.round((r.cout_employeur / r.brut - 1) * 1e6) / 1e6
    r.taux_salarial_implicite = Math.round((r.brut / r.net - 1) * 1e6) / 1e6
    lignes.push(COLONNES.map((c) => cellule(r[c])).join(','))
  }
  return lignes.join('\n') + '\n'
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--table')) process.stdout.write(table())
  else process.stdout.write(JSON.stringify(JSON.parse(readFileSync(0, 'utf8')).map(calcule), null, 1) + '\n')
}
