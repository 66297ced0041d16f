"""Every publication, standard and document a fibrokit number comes from, keyed by a short name.

Sources of the other domains (protocols, pacing, diary, treatments) live beside their facts in the matching
module of this package; this module holds those of beats and heart-rate variability and the shared ones.
"""

from __future__ import annotations

from fibrokit.evidence._types import Source

SOURCES: tuple[Source, ...] = (
    Source(
        "task_force_1996",
        "Task Force of the European Society of Cardiology and the North American Society of Pacing and "
        "Electrophysiology. Heart rate variability: standards of measurement, physiological interpretation "
        "and clinical use. Circulation 1996;93(5):1043-1065.",
        doi="10.1161/01.CIR.93.5.1043",
        pmid="8598068",
    ),
    Source(
        "vest_2018",
        "Vest AN, Da Poian G, Li Q, Liu C, Nemati S, Shah AJ, Clifford GD. An open source benchmarked toolbox "
        "for cardiovascular waveform and interval analysis. Physiol Meas 2018;39(10):105004.",
        doi="10.1088/1361-6579/aae021",
        pmid="30199376",
    ),
    Source(
        "lipponen_2019",
        "Lipponen JA, Tarvainen MP. A robust algorithm for heart rate variability time series artefact "
        "correction using novel beat classification. J Med Eng Technol 2019;43(3):173-181.",
        doi="10.1080/03091902.2019.1640306",
        pmid="31314618",
    ),
    Source(
        "ewing_1984",
        "Ewing DJ, Neilson JM, Travis P. New method for assessing cardiac parasympathetic activity using "
        "24 hour electrocardiograms. Br Heart J 1984;52(4):396-402.",
        doi="10.1136/hrt.52.4.396",
        pmid="6148131",
    ),
    Source(
        "mietus_2002",
        "Mietus JE, Peng CK, Henry I, Goldsmith RL, Goldberger AL. The pNNx files: re-examining a widely used "
        "heart rate variability measure. Heart 2002;88(4):378-380.",
        doi="10.1136/heart.88.4.378",
        pmid="12231596",
    ),
    Source(
        "richman_2000",
        "Richman JS, Moorman JR. Physiological time-series analysis using approximate entropy and sample "
        "entropy. Am J Physiol Heart Circ Physiol 2000;278(6):H2039-H2049.",
        doi="10.1152/ajpheart.2000.278.6.H2039",
        pmid="10843903",
    ),
    Source(
        "pincus_1991",
        "Pincus SM. Approximate entropy as a measure of system complexity. Proc Natl Acad Sci USA "
        "1991;88(6):2297-2301.",
        doi="10.1073/pnas.88.6.2297",
        pmid="11607165",
    ),
    Source(
        "peng_1995",
        "Peng CK, Havlin S, Stanley HE, Goldberger AL. Quantification of scaling exponents and crossover "
        "phenomena in nonstationary heartbeat time series. Chaos 1995;5(1):82-87.",
        doi="10.1063/1.166141",
        pmid="11538314",
    ),
    Source(
        "brennan_2001",
        "Brennan M, Palaniswami M, Kamen P. Do existing measures of Poincaré plot geometry reflect nonlinear "
        "features of heart rate variability? IEEE Trans Biomed Eng 2001;48(11):1342-1347.",
        doi="10.1109/10.959330",
        pmid="11686633",
    ),
    Source(
        "tarvainen_2002",
        "Tarvainen MP, Ranta-aho PO, Karjalainen PA. An advanced detrending method with application to HRV "
        "analysis. IEEE Trans Biomed Eng 2002;49(2):172-175.",
        doi="10.1109/10.979357",
        pmid="12066885",
    ),
    Source(
        "welch_1967",
        "Welch PD. The use of fast Fourier transform for the estimation of power spectra: a method based on "
        "time averaging over short, modified periodograms. IEEE Trans Audio Electroacoust 1967;15(2):70-73.",
        doi="10.1109/TAU.1967.1161901",
    ),
    Source(
        "lomb_1976",
        "Lomb NR. Least-squares frequency analysis of unequally spaced data. Astrophys Space Sci "
        "1976;39(2):447-462.",
        doi="10.1007/BF00648343",
    ),
    Source(
        "scargle_1982",
        "Scargle JD. Studies in astronomical time series analysis. II. Statistical aspects of spectral "
        "analysis of unevenly spaced data. Astrophys J 1982;263:835-853.",
        doi="10.1086/160554",
    ),
    Source(
        "baevsky_2017",
        "Baevsky RM, Chernikova AG. Heart rate variability analysis: physiological foundations and main "
        "methods. Cardiometry 2017;(10):66-76.",
        doi="10.12710/cardiometry.2017.10.6676",
    ),
    Source(
        "nunan_2010",
        "Nunan D, Sandercock GRH, Brodie DA. A quantitative systematic review of normal values for short-term "
        "heart rate variability in healthy adults. Pacing Clin Electrophysiol 2010;33(11):1407-1417.",
        doi="10.1111/j.1540-8159.2010.02841.x",
        pmid="20663071",
    ),
    Source(
        "malik_1989",
        "Malik M, Farrell T, Cripps T, Camm AJ. Heart rate variability in relation to prognosis after "
        "myocardial infarction: selection of optimal processing techniques. Eur Heart J 1989;10(12):1060-1074.",
        doi="10.1093/oxfordjournals.eurheartj.a059428",
        pmid="2606116",
    ),
    Source(
        "fibrokit",
        "fibrokit processing conventions: choices of this project that are not clinical facts, stated with "
        "their reasoning in the fact itself and never used to interpret a person's values.",
        url="docs/evidence.md",
    ),
)
