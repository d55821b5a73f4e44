"""Interview material of the synthetic example study: participants, roster and transcripts.

All people and conversations are fictional. Transcripts are written as `I:` (interviewer) and
`P:` (participant) turns; `parse()` turns them into (speaker, text) pairs with the participant's
pseudonym as speaker. Only `ROSTER` holds names and e-mail addresses, except for the two
pieces of personal data planted in P04 on purpose (see data/example/README.md).
"""

from __future__ import annotations

PARTICIPANTS: list[tuple[str, str, str, str, str]] = [
    ("P01", "ML engineer", "6", "large", "automotive perception"),
    ("P02", "researcher", "4.5", "medium", "medical imaging"),
    ("P03", "team lead", "11", "large", "retail visual search"),
    ("P04", "student", "2", "small", "remote sensing"),
    ("P05", "ML engineer", "3", "small", "agricultural drones"),
    ("P06", "researcher", "8", "medium", "robotics"),
]

ROSTER: list[tuple[str, str, str]] = [
    ("P01", "Tomasz Wielgosz", "t.wielgosz@example.com"),
    ("P02", "Amara Okonkwo-Reyes", "amara.or@example.org"),
    ("P03", "Henrik Aalto", "henrik.aalto@example.net"),
    ("P04", "Mira Castellanos", "mira.castellanos@example.org"),
    ("P05", "Devika Raman", "devika@example.com"),
    ("P06", "Jonas Oyelaran", "j.oyelaran@example.org"),
]


def parse(raw: str, pid: str) -> list[tuple[str, str]]:
    """Split an `I:` / `P:` transcript into (speaker, text) turns."""
    turns = []
    for block in raw.strip().split("\n\n"):
        tag, text = block.split(": ", 1)
        speaker = {"I": "Interviewer", "P": pid}[tag]
        turns.append((speaker, " ".join(text.split())))
    return turns


P01 = """
I: Thanks for joining today. Before we start, is it still okay that we record this call and
that we use a pseudonymised transcript for the study?

P: Yes, that's fine.

I: Great. Could you briefly describe your role and what your team works on?

P: Sure. I'm a machine learning engineer in the perception group of a large automotive
supplier. My team takes detection and segmentation models, mostly from recent papers, and gets
them running on the embedded computers in the vehicle. So, um, we're not really inventing new
architectures. We pick something that looks promising on a benchmark, re-implement it or adapt
an open-source version, retrain it on our own camera data, and then squeeze it onto the target
hardware. I've been doing deep learning for about six years, the last three in this team.

I: How does a typical project start?

P: Usually with a paper and, if we are lucky, with a repository. Someone from the research
side says, this detector is two points better on the benchmark and it's faster, let's try it.
Then my job starts. The first week is really just getting the reference code to run at all. The
repos are written for one specific environment, one CUDA version, one PyTorch version, and often
the requirements file is just a list of package names without versions. So you spend days
reconstructing the environment the authors had in mind.

I: Can you give an example?

P: Last year we tried a transformer-based detector. The code used a custom CUDA kernel for the
attention, and it was written against an old internal header of PyTorch that doesn't exist
anymore. So it didn't compile with any PyTorch version that also supported our GPUs. We had to
port the kernel to the newer API before we could even reproduce the baseline. That took, I
think, two weeks, and none of that is visible in the final product.

I: Once it runs, how do you check that your version matches the original?

P: That's the hard part, honestly. The first thing is evaluation: we run their released
checkpoint through their evaluation script and through ours and compare the numbers. If those
match, we train from scratch with their config. And very often we don't get the number from the
paper. We get, like, one or two points less. And then the question is: is that noise, is it our
data loading, is it some trick that's in the paper but not in the code, or in the code but not
in the paper?

I: How do you go about answering that?

P: Mostly by bisecting manually. We take the reference implementation and our implementation,
load the same weights, feed the same image and compare the outputs layer by layer. We have a
small script for that which dumps intermediate tensors to disk. It works, but it's painful,
because the layer names never line up, and you have to write a mapping by hand each time. I'd
say it's the single most useful thing we do and also the most annoying.

I: What kinds of differences do you typically find?

P: Preprocessing is number one. Mean and standard deviation in a different range, BGR versus
RGB, resizing with a different interpolation. Those don't crash anything; the model just gets a
bit worse. Number two is small operator differences. Padding is a classic: one framework pads
asymmetrically with "same" padding, the other pads symmetrically, and your features are shifted
by one pixel. Or the epsilon in a normalization layer is different. Each of those costs you
maybe a tenth of a point, but together it adds up.

I: You mentioned operator differences. Do you also see them when you move to the target
hardware?

P: Oh yes, that's the second big phase. We export to ONNX and then build a TensorRT engine.
And there, um, some operators simply aren't supported, or only in a specific opset. Grid sample
was a problem for a long time. Deformable convolution, forget it, you need a plugin. So we often
change the architecture slightly to make it exportable, replace an op with something
equivalent, and then we have to retrain and re-validate. That's a real cost that papers don't
account for.

I: How do you validate the exported model?

P: We compare the ONNX outputs with PyTorch on a few hundred images and look at the maximum
absolute difference, and then we run the full evaluation on the engine. The tricky part is
quantization. When we go to INT8, the accuracy drop is sometimes fine, half a point, and
sometimes it's five points for one class and nobody knows why. Usually it's a layer with a
weird activation range, but finding which layer is trial and error. We disable quantization for
one layer at a time and rerun. It takes hours.

I: Are there tools that help with that?

P: The vendor tools give you some per-layer statistics, but they're not connected to our
evaluation. What I really want is a tool that tells me: this layer's output on the target
diverges from the reference by this much, and it starts diverging here. Basically the
layer-by-layer comparison, but automatic, across frameworks and devices. There are bits and
pieces, but nothing we could just drop in.

I: Let's talk about data. How different is your data from the benchmark data?

P: Very different. Benchmark images are internet photos. We have fisheye cameras, high dynamic
range, twelve-bit raw images, night scenes. So the data pipeline is always custom. We rewrite
the loader, the augmentation, the normalization. And that's where a lot of our bugs come from,
to be honest. The model code we mostly take over, but the data pipeline we write ourselves, and
it's not tested as well.

I: Can you recall a specific bug from the data pipeline?

P: Yes, a nice one. We had a flip augmentation that flipped the image but not the camera
calibration, so the model learned that objects on the left are slightly bigger. The accuracy
was fine on average, so no one noticed for weeks. It only showed up when someone plotted errors
by image position. That kind of silent defect is what worries me most. A crash you fix in an
hour. A silent accuracy loss can live in the code for months.

I: How do you find silent defects like that?

P: Partly by luck, honestly. Partly by slicing the evaluation: per class, per distance, per
camera, per time of day. If one slice is off compared to the reference, that's a hint. We also
visualize a lot. Just looking at predictions on a few hundred images catches more than you'd
expect.

I: How do you deal with framework or library updates?

P: We pin everything, and we update rarely and deliberately. Each update is a small project.
Last time we moved to a new major PyTorch version, a few things broke in obvious ways, imports
and deprecated arguments, but one thing broke silently: a function changed its default
behaviour and our anchor grid got transposed for non-square images. The unit tests used square
images. So now we test with rectangular images.

I: Do you report such problems upstream, to the original repositories?

P: Sometimes. If it's clearly a bug in their code, we open an issue or a pull request, if our
legal department allows it. But many of those repositories are not maintained anymore. The
authors graduated, or moved on to the next paper. You open an issue and nobody answers. So in
practice we keep a fork with our patches, and our patches diverge over time.

I: What would help you most in this whole process?

P: Three things. First, reference implementations that come with tests: even just a file with
inputs and expected outputs for each layer would save us days. Second, a tool to compare two
implementations automatically, across frameworks. And third, better documentation of the
training recipe. Papers leave out things like the warmup, the exact augmentation parameters,
whether they used an exponential moving average of the weights. Those details matter more than
people think.

I: Is there anything about team organisation that makes re-implementation easier or harder?

P: Handovers are difficult. The researcher who picked the model knows why it works, and I know
the hardware, and the knowledge sits in two heads. We started doing a short written review for
each model, what we changed compared to the paper and why. It's boring to write but it helps a
lot a year later, when someone asks why the model does something odd.

I: Do you have automated tests for the re-implemented models?

P: More than we used to. For every model we keep a handful of golden inputs with the outputs of
the reference implementation, and the test suite checks that our version stays within a
tolerance. We also test the export: the converted engine has to match the PyTorch model on the
same inputs. The tolerance is always a discussion, though. Too tight and the tests fail on every
driver update, too loose and they don't catch the half-point regressions we care about.

I: And how long does a whole re-engineering project take, from paper to vehicle?

P: For a detector, three to six months. Maybe a third of that is getting to parity with the
paper, a third is adapting to our data and sensors, and a third is deployment and validation on
the target. The deployment part is the one everybody underestimates, including me, every
single time.

I: Before we close, is there anything we haven't asked that you think is important?

P: Maybe that the gap between research and production isn't only technical. Research optimizes
for the benchmark number, we optimize for latency and robustness. So even a perfect
re-implementation isn't the end; it's the start of adapting it. I think tools should support
that whole path, not only the first step.

I: That's a great point to end on. Thank you very much for your time.

P: You're welcome, it was fun.
"""

P02 = """
I: Thank you for making the time. As mentioned in the e-mail, we'll record this and work with
a pseudonymised transcript. Is that okay for you?

P: Yes, absolutely.

I: Could you start by telling me a bit about your background and your current work?

P: Sure. I'm a researcher at a mid-sized research institute, in a group that does medical
image analysis, mostly segmentation of CT and MRI scans. I did my PhD in computer vision, so
I've been working with deep learning for about four and a half years. A big part of what we do
is taking methods that were published for natural images or for one medical dataset and
checking whether they work on our data. So re-implementation, or at least re-running other
people's code, is a daily thing for us.

I: When you reproduce a published method, what usually happens first?

P: Hmm. First I read the paper twice, and then I look for the code. Maybe half of the papers
in our area have code, and maybe half of those run without changes. The first obstacle is
almost always the environment. The code was written two years ago with a specific library
version, and now something has been deprecated or renamed. That's annoying but at least it's
loud: you get an error message and you can search for it.

I: And after it runs?

P: After it runs, the real work starts, because then you usually don't get the reported
numbers. I remember one segmentation method where the paper reported a Dice score around 0.89
and we got 0.84 with their code, on their dataset. That's a big gap in our field. It took me,
uh, almost three weeks to find out why.

I: What was it?

P: Several things, actually, which is typical. The intensity normalization of the CT volumes
was different: they clipped the CT intensities to a narrow window that was only mentioned in the
supplementary material, not in the code we got. Then the resampling to a common voxel spacing
used a different interpolation order for the labels, so the masks were slightly blurred. And
finally they averaged the results over five folds but reported the best fold in one table.
None of these is a bug in the classical sense. They are undocumented decisions.

I: How did you find them?

P: By e-mailing the authors, partly. One of them was very helpful and sent me their
preprocessing script, which was not in the repository. The rest by comparing intermediate
outputs. I wrote a small notebook that loads one case through their pipeline and through mine
and plots the histograms of the intensities at each step. That's how the clipping showed up.

I: You mentioned folds and averaging. How do you deal with variance between runs?

P: That's something I care about a lot. In medical imaging the datasets are small, so the
variance between runs is large. If I train the same model three times with different seeds, the
Dice can move by one or two points. So when a paper reports a single number without a standard
deviation, I honestly don't know what to compare against. Sometimes the difference between the
method and the baseline is smaller than the seed variance.

I: Do you control the randomness in your own experiments?

P: We try. We fix the seeds, we set the deterministic flags, but some operations on the GPU are
just not deterministic, and the deterministic versions are much slower. And the data loader
workers have their own random state, which I learned the hard way: for a while all my workers
were producing the same augmentations because of how the random generator was seeded. Training
still worked, it was just a bit worse. I only noticed because a colleague had slightly better
results with fewer workers.

I: That sounds like a silent bug. Are those common in your experience?

P: I think they are the most common kind, and the most dangerous. A crash is honest. A silent
bug gives you a number that looks plausible. In medical imaging, a model that's two points worse
still produces nice-looking masks, so visual inspection doesn't catch it. You need a reference
number to compare against, and very often that reference number is exactly what you are trying
to reproduce.

I: How do you keep track of all these experiments?

P: Badly. No, um, we use an experiment tracking tool, but it only tracks what you tell it to
track. The preprocessing parameters, the exact commit of the data pipeline, which version of the
label files, that's often missing. So six months later I look at a run and I don't know which
data it used. I think experiment tracking tools are built around the model and the
hyperparameters, and the data side is an afterthought.

I: Let's talk about data pipelines more. How much of your code is data handling?

P: Most of it, honestly. Maybe seventy percent. Medical data comes in DICOM or NIfTI, with
different orientations, spacings, intensity ranges, sometimes with missing slices. Every new
dataset needs its own loader and its own checks. And the published methods usually assume a
clean, preprocessed dataset, so their data code is of little use to us.

I: Do you validate the data somehow?

P: We have some assertions: shape checks, value ranges, that the labels contain only the
expected classes. That last one saved us several times, because some datasets use 255 as an
ignore label and others use it as a real class. But it's all handwritten, and every student
writes their own version.

I: What about the compute side? Is it an obstacle to reproducing results?

P: Yes, definitely. Some papers train on eight large GPUs for days. We have a small cluster
that we share with the whole institute. So I often have to reduce the batch size, and then the
learning rate has to change, and batch normalization behaves differently with small batches.
So I'm not really reproducing their setup anymore, I'm reproducing a cheaper variant, and when
the numbers differ I don't know whether it's my fault or the batch size.

I: If you could wish for one tool, what would it be?

P: A tool that tells me where two pipelines diverge. Give it the reference implementation and
mine, and an input, and it tells me: the outputs are identical up to this step, and here they
start to differ. For the data pipeline and for the model. I would also like papers to ship a
small test case: this input, this preprocessing output, this prediction. That would make
reproduction so much easier.

I: Are there also differences in how metrics are computed?

P: Oh, constantly. The Dice score sounds like one well-defined number, but you can average it
per case, per slice, or over the whole dataset, you can include or exclude empty cases, and you
can compute it on the resampled volume or on the original one. Each choice gives a different
number, sometimes differing by several points. Many papers don't say which one they used. When I
reimplemented the evaluation of one method exactly as described, I still got a different number,
and it turned out their script skipped cases where the organ was not visible.

I: How did you resolve that?

P: I now compute all variants and report the one that matches the protocol of the paper I
compare against, and I write down which one it is. In our own papers we publish the evaluation
script with the exact settings. It sounds trivial, but it removes a whole class of confusion.

I: What about memory and hardware constraints for three-dimensional data?

P: That's another source of differences. The volumes don't fit into GPU memory, so you train on
patches. The patch size, the sampling strategy, how you stitch the predictions back together at
inference, all of that influences the results, and all of that is often hidden in a config file
with no explanation. I once got a big improvement just by changing the overlap of the sliding
window at inference. Nothing in the model changed.

I: How do you share these findings within your group?

P: We have a weekly meeting where people present problems they ran into, and we keep a wiki page
with known pitfalls for each public dataset. It's a bit chaotic, but new students read it and it
saves them weeks. I would love to have that in a more structured form, maybe even across groups.

I: When you finally match a paper's result, how confident are you that your implementation is
right?

P: Less confident than you would think. Matching the final number means the errors cancel out
or are too small to matter on that dataset. I had a case where my version matched the paper on
the public dataset, but when we applied it to our hospital data it behaved very differently from
the original code. It turned out an augmentation was implemented differently, which didn't
matter on the clean public data but mattered a lot on ours. So now I test on at least two
datasets before I trust a re-implementation.

I: Do you think the community is moving in that direction?

P: Slowly. Reproducibility checklists help a bit, at least people now report seeds and
hardware more often. But the incentives are still to publish the next method, not to make the
last one reproducible. I'd like reviewers to actually run the code sometimes.

I: Is there anything else you'd like to add?

P: Only that I think re-implementation is underrated as a research activity. When we reproduce
something carefully, we learn a lot about what actually matters in a method. Often it's a
preprocessing detail, not the new architecture. That knowledge gets lost if nobody writes it
down.

I: Thank you, that's a great closing thought.

P: Thanks for having me.
"""

P03 = """
I: Thanks for taking the time today. We'll record the conversation and only keep a
pseudonymised transcript. Is that alright with you?

P: Yes, that's fine.

I: Could you introduce yourself and your team?

P: I lead a team of nine engineers at a large retail company. We build the visual search and
product recognition features in our apps: you take a picture of a product and we find it in
the catalogue. I've been in machine learning for about eleven years, first as an engineer and
for the last four years as a team lead. My team sits between the research group and the product
teams. Research proposes models, and we make them work at scale.

I: What does "make them work at scale" involve?

P: A lot of things that aren't in the paper. Latency budgets: we have maybe forty milliseconds
per request on the server and much less on the phone. Memory. Cost per query. Monitoring. And
robustness to the photos real customers take, which are blurry, badly lit, rotated. So when a
new model comes from research, the first question isn't how accurate it is, it's whether we can
afford to run it, and what we'd have to change to make it affordable.

I: How do models move from the research group to your team?

P: Historically, badly. Research would hand over a notebook and a checkpoint, and we would try
to reproduce the numbers in our training pipeline, and we wouldn't get them, and then there
would be a week of back and forth. So about two years ago we introduced what we call a
transfer package. Research has to provide the training config, the exact data snapshot, an
evaluation script, and a small set of reference inputs and outputs. That alone cut the handover
time roughly in half.

I: Why did reproduction fail before?

P: The usual suspects. Different preprocessing, because research used one image library and we
used another, with a slightly different resize. Different framework versions. Research trained
with a trick that lived in a local branch and never got merged. And a few real bugs in our
port, of course. The frustrating part is that each of these costs half a point, and you can't
tell them apart by looking at the final metric.

I: How do you tell them apart?

P: We've become quite systematic. We first reproduce the evaluation of their checkpoint in our
stack. If that matches, preprocessing and the model definition are fine. Then we train with
their code on their data, then with our code on their data, then with our code on our data.
Each step isolates one source of differences. It's slow, it takes compute, but it's the only
way I know that works reliably.

I: That sounds expensive. How do you decide when to stop chasing the paper's number?

P: That's a management question as much as a technical one. We set a budget up front, say two
weeks of one engineer and a certain amount of GPU time. If we're within half a point after that,
we accept it and move on to optimizing for our product metrics, which often matter more anyway.
If we're far off, we escalate and sometimes we drop the model. The worst outcome is an engineer
spending two months on the last point.

I: What happens after the model is reproduced?

P: Then the operational work starts. We convert the model for serving, we quantize it for the
phone, we set up monitoring. Conversion is a recurring pain. Every time research uses a new
operation, there's a chance the conversion tools don't support it, or support it with slightly
different numerics. Then we either write a custom kernel or ask research to change the
architecture. We now have a list of allowed operations that research gets before they start a
project, which sounds bureaucratic but saves a lot of pain.

I: How do you validate that the converted model behaves like the original?

P: We have a validation suite: a few thousand images with reference outputs from the original
model. The converted model has to match within a tolerance, both on the raw outputs and on the
final retrieval metric. We built that ourselves. I looked for existing tools, but most of them
either compare only the final outputs or require you to instrument the model by hand.

I: What about environments and dependencies?

P: Containers for everything. Every training run and every serving build happens in a pinned
container image. That solved most of our version problems. The remaining ones come from the
research side, where people install the latest version of something on their workstation, and
then the checkpoint depends on behaviour that our container doesn't have. We had a case where a
library changed the default of an interpolation flag between versions, and the checkpoint only
worked with the new default.

I: How do you organise knowledge in the team about these issues?

P: We keep a re-engineering log for each model: what we changed, why, what we tried that didn't
work. It's a plain document in the repository. New people read the logs of the last few models
and learn more from that than from any onboarding session. I'd love to have that more
structured, honestly, so that we could search across models: has anybody else seen this
conversion problem?

I: You mentioned monitoring. Do defects also show up after deployment?

P: Yes, and those are the hardest. A model that was fine offline degrades on a new phone model
because the camera processing changed. Or a seasonal catalogue change shifts the distribution.
Nothing crashes; the metrics just drift. We watch a few proxy metrics and sample predictions for
human review. Root-causing a drift like that can take weeks, because you have to rule out the
model, the data, the app, the camera.

I: What tools are missing for you?

P: Three come to mind. First, something that compares two implementations of the same model
systematically, including preprocessing, and tells you where they diverge. Second, better
support for explaining production failures: I have a failing image, which part of the pipeline
is responsible? Saliency maps are nice for presentations but they rarely tell me what to fix.
Third, standard formats for the handover: if every paper and every internal research project
shipped the same kind of transfer package, a lot of the friction would go away.

I: Can you describe a conversion problem that stayed with you?

P: We had a model where the converted version on the phone was about as accurate as the
original overall, but for one product category, shoes, it was clearly worse. It took us two
weeks to find out that a normalization layer was fused differently by the conversion tool, and
that only mattered for images with very bright backgrounds, which are typical for shoe photos.
The aggregate metric hid it completely. Since then we always evaluate per category after a
conversion.

I: How do you test the pipelines around the model?

P: The model is actually the best-tested part now. The pipelines around it, image decoding,
cropping, the feature index, those are where we still find most defects. We had a release where
the image decoding library on the server handled the orientation flag of photos differently from
the one in training, so a part of the uploaded photos was rotated. Nothing crashed, the results
were just worse for phones that store photos that way.

I: What skills do you look for when hiring for this kind of work?

P: People who are patient and systematic, honestly more than people who know the latest
architectures. Somebody who, when the number is off, makes a list of hypotheses and tests them
one at a time, instead of trying ten things at once. And people who write things down. The
technical skills you can learn, the discipline is harder.

I: How do you prioritise which defects to fix first?

P: By impact on the customer, roughly. A crash in the serving path is fixed the same day. A
half-point accuracy drop waits until the next model iteration unless it's concentrated in an
important category. The difficult ones are the defects that only show up in a slice of the data,
because the aggregate dashboards don't show them. We now track metrics per category and per
device type, and we review the worst slices every sprint. That's where most of the interesting
defects turn up.

I: Do you involve the research group when you find such defects?

P: Always. Often they know immediately what's going on, because they saw something similar
during development and didn't write it down. That's another reason we push for the written
logs: a lot of knowledge is only in people's heads until someone asks the right question.

I: Do you see differences between engineers and researchers in how they approach these
problems?

P: Definitely. Researchers are comfortable with uncertainty; if the number is roughly right,
they move on. Engineers want the numbers to match exactly, because otherwise they can't tell
whether they introduced a bug. Both are reasonable. The trick is to agree up front on what
"matches" means, with a tolerance, so that nobody argues about it later.

I: Any last thoughts?

P: Maybe that re-engineering deserves to be treated as its own discipline. We treat it like a
side task, something you do before the real work. But it's most of the work. If we measured
and planned it properly, we'd be much better at it.

I: Thank you very much, this was very insightful.

P: My pleasure.
"""

P04 = """
I: Thanks again for making time for this, Mira Castellanos. Just to confirm: we record the
call, and in the transcript you'll only appear with a pseudonym. Is that okay?

P: Yeah, sure, that's fine.

I: Great. Could you tell me a bit about yourself and your project?

P: So I'm a master's student, in my second year, and I do my thesis in a small remote sensing
lab at the university. My topic is detecting buildings and roads in satellite images. I've
been doing deep learning for about two years, mostly during my studies. Before that I did a lot
of GIS work, so the geospatial side I know well, the deep learning side less.

I: How did you approach the thesis technically?

P: My supervisor gave me a list of three papers and said, pick one, reproduce it, then adapt it
to our data. I picked a segmentation model that had an open-source re-implementation with a lot
of stars. I thought that would be the easy part. It wasn't.

I: What went wrong?

P: First, installing it. The repo needed a custom CUDA extension, and the lab machine has a
newer CUDA than what the repo was written for. The build failed with some error about a missing
header. I spent, like, four days on that. I tried different PyTorch versions, different
compilers. In the end I found a comment deep in a closed issue where someone explained that you
need an older PyTorch to build it, and then I had to find an old CUDA toolkit that matches. My
laptop runs Windows, so I didn't even try there.

I: Did you ask the maintainers for help?

P: I opened an issue, yes. I was a bit nervous, because my English isn't perfect and I didn't
want to ask something stupid. I pasted the whole error log. Someone answered after a week, not
a maintainer, another user, who said it works for him with an older version. The maintainers
never answered. I think they are busy, or the project is kind of abandoned. Later I saw that
most of the open issues are from people like me, trying to use it, not from the people who
wrote it.

I: Once it was installed, could you reproduce the results?

P: Not really. I trained on the benchmark dataset they used, and I got an IoU about four points
lower than the paper. But I had only one GPU, and the paper used eight, so I used a smaller
batch size. I didn't know I should change the learning rate. In the first run the loss went to
NaN after a few epochs. I thought it was my data, but it was the learning rate. A postdoc in
the lab told me about the linear scaling rule. That's something nobody teaches you in lectures.

I: How did you debug the NaN loss?

P: Honestly, mostly by googling the error and trying things. I added prints for the loss
components, and I saw that one of them exploded first. Then I reduced the learning rate and
turned off mixed precision, and it was stable. I still don't fully understand which of the two
fixed it. I didn't have time to test them separately, each run takes a day.

I: Let's talk about your own data. How different is it from the benchmark?

P: Very different. The benchmark images are RGB, three channels, eight bits. Our satellite
images have thirteen spectral bands, sixteen bit, and they are huge, like ten thousand by ten
thousand pixels. So I had to write my own data pipeline: tiling the images, normalizing each
band, handling the no-data areas at the borders. And the pretrained weights expect three
channels, so I had to decide what to do with the other ten. I tried a few options.

I: Did that cause problems?

P: Lots. The worst one: my tiles had a small overlap, and when I split into training and
validation, tiles from the same area ended up in both. So my validation scores were much too
good. I only found it when I tested on a completely different region and the results dropped a
lot. My supervisor was not happy, but it was better to find it before the defence.

I: How do you check your data pipeline now?

P: I visualize a lot more. I plot random tiles with the labels on top, for every change. And I
split by region now, not by tile. I also wrote a small script that checks that the label values
are only the classes I expect, because once the no-data value ended up as a class.

I: What about the environment now? Is it stable?

P: More or less. I wrote down every version in a requirements file, with the exact numbers. The
lab has a shared server and someone updated the driver once, and everything stopped working for
a day. Now I use a container. It took me a while to learn that, but now I'd never go back.

I: Which tools did you use for debugging and tracking experiments?

P: At the beginning, nothing, just folders with dates in the name. That was a disaster; I
didn't know which run used which settings. Now I use a free experiment tracking tool, and I log
the config and the git commit for every run. For debugging, mostly print statements and a
debugger when something crashes. For the silent problems I don't really have tools, I just
compare numbers and look at pictures.

I: If you could have any tool, what would it be?

P: Something that checks my setup before I waste a day of training. Like, it looks at my data,
my config, my GPU, and says: your batch size is much smaller than in the paper, you should
scale the learning rate; your labels contain an unexpected value; your validation tiles overlap
with training. A kind of linter for deep learning experiments. And for installation, a clear
table of which versions work together. That would have saved me a week.

I: Is there anything about working in a small lab that affects this?

P: Yes. We are three students and one postdoc, and everyone works on a different topic. So
there's no one who knows this specific code base. In a company I think there would be someone
who already solved these problems. Here, you are alone with the repository and the issue
tracker.

I: Did the paper and the code agree with each other?

P: Not completely. The paper said they used a certain loss weighting, but in the code the
weights were different, and there was a data augmentation in the code that the paper didn't
mention at all. I didn't know which one to follow. I asked my supervisor, and she said, follow
the code, because the numbers come from the code. But then my thesis text has to explain why I
deviate from the paper, which is a bit strange.

I: How did you evaluate your models?

P: With the intersection over union, like the paper. But then I noticed that my evaluation
script and the one in the repository gave different numbers for the same predictions. The
repository ignored the border pixels of each tile, and mine didn't. It's a small thing, but it
changed the result by almost one point. I decided to use theirs for the comparison with the
paper, and mine for everything else, and I wrote that down in the thesis.

I: How much time did all of this take compared to what you planned?

P: Much more. I planned one month for reproducing the baseline and four months for my own
method. In reality the reproduction took almost three months, with installation, the learning
rate problem and the data leak. So my own method got less time than I wanted. I think that's
normal for theses, but nobody tells you at the beginning.

I: Did you use any forums or communities besides the issue tracker?

P: Some question-and-answer sites, and a chat group of students from my program. The chat group
was actually the most useful, because someone else had used the same repository a year before
and remembered which versions worked.

I: Looking back, what would you do differently?

P: I would set up the environment properly from the first day, with a container and pinned
versions, and I would write the data checks before training anything. And I would train a tiny
version of the model first, on a small subset, to see that everything works end to end, instead
of starting a full run and waiting a day to find out that something is wrong. My supervisor told
me that at the beginning, but I didn't listen, I wanted results quickly.

I: Would you use the same repository again?

P: Probably yes, because now I know its problems. But I would fork it and write down every
change I make, with the reason. Right now my changes are spread over many commits with messages
like "fix" and "try again", and I have to reconstruct them for the thesis.

I: That's a very clear picture, thank you. Is there anything you would like to add?

P: Maybe just that I'm happy to help more if you need it. You can send the summary or any
follow-up questions to mira.castellanos@example.org, I'll answer.

I: Thank you, I'll do that. And thanks again for your time.

P: You're welcome. Good luck with the study.
"""

P05 = """
I: Thank you for joining. As agreed, we record and we only keep a pseudonymised transcript.
Still fine?

P: Yes, go ahead.

I: Could you describe your role and what your company does?

P: I'm an ML engineer at a small startup, we're about fifteen people. We build software for
agricultural drones: the drone flies over a field, and we detect weeds, count plants, find
disease spots. The models run partly on the drone itself, on a small embedded board, and partly
in the cloud after the flight. I've been doing this for three years; it's my first job after
university.

I: How do you choose and build your models?

P: We are too small to do research, so we build on open-source work. When there's a new
detector that's fast and accurate, we look at the repositories, pick one that's maintained and
has a good license, and adapt it. The license part is more important than people think. Some
repositories have code under one license and weights under another, and we can't use them
commercially. We once spent two weeks adapting a model and then had to drop it for that reason.

I: How do you judge whether a repository is maintained?

P: Commits in the last months, whether issues get answers, whether there's a test suite. And I
read the issue tracker a lot. It tells you what breaks. If there are twenty open issues about
installation with the latest framework version, I know what's waiting for me.

I: What does adapting a model involve for you?

P: First, our data. Drone images are very high resolution, and the objects are tiny, a weed
seedling is maybe ten by ten pixels. So we tile the images, and the anchor sizes and the input
resolution of the model have to change. The default augmentations are also wrong for us: a
random crop can cut away all the plants, and colour jitter changes the colour that tells you a
plant is sick. So we rewrite a lot of the data pipeline. It's the part of the code where we
have the most bugs, honestly.

I: Can you give an example of such a bug?

P: One that cost us a lot: after tiling, the box coordinates were written relative to the tile,
but one script still used the coordinates of the full image. Everything ran, no error, but the
boxes in a part of the dataset were just wrong. The mAP was a bit lower and we blamed the model.
We found it only when we drew the boxes on the tiles for a presentation.

I: How do you deploy on the drone?

P: The board supports TensorFlow Lite and some vendor runtime. Our training is in PyTorch. So
we convert: PyTorch to ONNX, ONNX to TensorFlow, TensorFlow to TFLite, and then quantize. Every
step can break. Some layers aren't supported, some get converted into a slow sequence of
operations. The first time we did it, the model on the board ran at two frames per second
instead of the fifteen we needed.

I: How did you find the slow part?

P: Profiling on the device, layer by layer. It turned out one upsampling layer was converted
into something like fifty small operations because of the align corners setting. We changed
the layer in the PyTorch model, retrained, and the speed was fine. But the conversion changed
the outputs slightly, so we also had to check accuracy again after every change. We have a
script now that runs the PyTorch model and the converted model on the same images and reports
the difference.

I: Did the quantization affect accuracy?

P: Yes, for some classes a lot. Small objects suffer the most. We ended up keeping the first and
the last layers in higher precision. Finding that out was mostly trial and error; the tools
told us the overall accuracy but not which layer caused the drop.

I: How do you handle framework updates?

P: We pin versions and update maybe twice a year. Each update breaks something. Last time a
dependency of the export tool changed an argument name, and the whole export script failed. It
was easy to fix, but our CI only runs the export once a week, so we found it late. Now the
export runs on every merge.

I: Do you contribute back to the repositories you use?

P: When we can. We opened a few issues and two pull requests, small fixes for the data loader.
One got merged quickly, the other one is still open after a year. I think the maintainers get a
lot of issues from people like us, users, and they can't answer everything. I try to write good
issues: versions, a minimal example, the full error. The ones that just say "doesn't work" are
frustrating, I see that from the other side now.

I: What would help you most?

P: A conversion tool that tells me in advance what will happen: this layer is not supported on
your target, this one will be slow, this one will change the numbers. Today we find all that out
by trying. And for the data pipeline, some standard checks: that boxes are inside the image,
that coordinates are in the expected format, that the classes are what you expect. We wrote our
own, but it feels like everybody writes the same checks again.

I: How do you get labelled data for your use case?

P: We label most of it ourselves, with help from agronomists who tell us what a disease looks
like. Labelling tiny plants is slow and people disagree a lot, especially at the borders of a
weed patch. We measured the agreement between two labellers once and it was lower than we
expected. So part of our model error is really label noise. That also makes it hard to compare
with papers, their benchmarks have cleaner labels.

I: Does the data change between seasons or regions?

P: A lot. A model trained on fields in spring doesn't work well in late summer, the plants look
completely different. And different drones have different cameras. So we retrain often, and
every retraining is a small re-engineering project: check the pipeline, check the export,
check the accuracy on the board. We automated most of it, but someone still has to look at the
results.

I: How do you split work between the drone and the cloud?

P: The drone runs a small, fast model that decides where to take high-resolution images. The
heavy analysis runs in the cloud later. So we actually maintain two versions of the pipeline,
one for the board and one for the server, and they have to agree. They didn't, once: the board
version used a different resize than the server version, and the detections on the drone were
shifted. We found it because the farmers complained that the spray map was off by a few
centimetres.

I: Do you do code reviews for the model code?

P: Yes, every change gets a review. But reviewing deep learning code is hard. You can see that
the code is clean, but you can't see that it trains well. So for changes in the data pipeline
or the model we also require a short training run and a comparison with the previous results,
attached to the pull request. That catches more than the review itself.

I: What happens after deployment, do you monitor the models?

P: We log the number of detections per flight and some confidence statistics. If a flight looks
unusual, someone checks the images. It's simple, but it caught a camera firmware update that
changed the colours. Without that we wouldn't have noticed for weeks.

I: How do you decide between fixing a problem upstream and working around it locally?

P: It depends on how fast we need it. If it's blocking a customer delivery, we patch our fork
the same day. Then, if we have time, we open a pull request upstream so that we don't have to
carry the patch forever. In practice we carry quite a few patches. Every time we update to a
newer version of the upstream repository we have to re-apply them, and some of them no longer
apply cleanly. It's a kind of technical debt that nobody sees from outside.

I: Do you ever go back to the original paper when something doesn't work?

P: Yes, often, but the paper rarely has the answer. The details that matter for us, like how
small objects are handled or how the anchors are chosen, are usually in the code, not in the
paper. Sometimes the code and the paper even disagree. Then we trust the code, because that's
what produced the published numbers, and we note the difference in our own documentation.

I: How do you document your own models?

P: Each model version has a short card: the data it was trained on, the training config, the
export settings, the accuracy on our test fields and the speed on the board. It's not fancy, but
when a customer asks why this season's model behaves differently, we can actually answer.

I: Anything else you'd like to share?

P: Only that for small companies, re-using open-source models is the only way to do this at
all. So the quality of those repositories matters a lot for us. A well-maintained repository
with tests and pinned versions is worth more to us than one point of mAP.

I: Thanks a lot, that's very helpful.

P: Thank you, it was nice to talk about it.
"""

P06 = """
I: Thanks for joining the call. We'll record it and use a pseudonymised transcript, as we
discussed. Is that still okay?

P: Yes, no problem.

I: Could you tell me about your work and your open-source project?

P: I'm a researcher in a robotics group, about eight years in deep learning now. Next to my
research I maintain an open-source re-implementation of a well-known detection model. It
started as a side project during my PhD, because the official code was hard to use, and it grew
much bigger than I expected. Now it has a few thousand stars and a steady stream of issues.

I: Who opens those issues?

P: Mostly users. People who want to train the model on their own data or use it in a product.
I'd guess more than half of the issues are from people who never contributed code. Then there
is a smaller group of regular contributors, and a few reports from us maintainers, usually
things we notice while preparing a release.

I: What do the issues typically report?

P: The biggest group, by far, is environment problems. A new PyTorch or CUDA version comes out,
and within a week I get ten issues with the same error message. Something was deprecated, an
internal function we used was removed, a custom operator doesn't compile anymore. They are easy
to fix once you know the cause, but they come in waves. I can almost predict them from the
release calendar of the frameworks.

I: How do you handle those waves?

P: I pin the versions in the requirements and I have a CI job that runs the tests against the
newest framework release every night. That helps me see breakage before the users do. And when
a wave comes, I write one clear answer, pin the issue, and close the duplicates with a link.
Before I had issue templates, half of the reports didn't even say which version they used. Now
the template asks for the output of the environment script, and that made triage much faster.

I: What other kinds of issues do you get?

P: The second group is "I can't reproduce your numbers". Those are the hardest. Sometimes it's
the user: they trained with a smaller batch size, or a different dataset split. Sometimes it's
us: we changed a default and the released checkpoint was trained with the old one. And
sometimes nobody knows. Results vary between runs more than people expect, and when someone
reports half a point less, I can't tell whether that's a bug or just noise.

I: How do you deal with that uncertainty?

P: I now publish training logs and, for the main configs, results from three runs with the
spread. That reduced the number of reproducibility issues a lot, because people can see that
their number is inside the range. For the checkpoints I publish checksums, because we once had
the wrong file uploaded for months. That was embarrassing. Several people reported lower
numbers and we told them to check their setup.

I: Are there defects that you find during training rather than at installation?

P: Oh yes. The reproducibility ones almost always show up during training. You run the full
schedule, which takes days, and at the end the number is wrong. Then you have to figure out
which of the hundred things you changed is responsible. Training defects are expensive to find
precisely because each experiment is so slow. I've started to keep a small configuration that
trains in an hour on a subset, just to catch the obvious regressions early.

I: What about porting to other frameworks or hardware?

P: People ask for it all the time: ONNX export, TensorRT, mobile. We support ONNX export, and
it's a constant source of issues. Some operations are not supported in older opsets, some are
exported in a way that gives slightly different numbers. I'm not an expert in all the runtimes,
so often I depend on contributors who need it for their work.

I: How much time does maintenance take you?

P: Too much. Maybe five to ten hours a week, unpaid, on top of my research. There were periods
where I didn't answer issues for a month and felt guilty. I added a stale bot, which some users
don't like, but otherwise the tracker would be unmanageable. I'd like to find a second
maintainer, but it's hard; people are happy to use the code, fewer want to take responsibility.

I: What tools would help you as a maintainer?

P: Automatic triage would be great. Something that reads an issue, recognizes that it's the
same environment error as twenty others, and links the known answer. And better tools for the
reproducibility questions: if a user could run a quick check that compares their pipeline to
the reference on a few images, they would find most of their own problems. Right now I'm the
tool, and I don't scale.

I: Do you see a difference between reports from users and from contributors?

P: Yes, contributors usually point to the cause, sometimes with a fix. Users describe the
symptom: it crashes, the accuracy is low. That's fine, that's their perspective. But it means
that for user reports, I have to do the diagnosis, and that's where the time goes. A good
environment section and a minimal example make a huge difference.

I: Looking back, what would you do differently when starting such a project?

P: Pin everything from day one, write tests that compare against the reference implementation,
and document every deviation from the paper in one place. We had some deliberate deviations,
small changes that improved results, but they were only in commit messages. Users then compared
with the paper and thought we had a bug.

I: How do you handle pull requests from contributors?

P: I'm grateful for every pull request, but reviewing them takes time, especially for changes
that affect training. A change can look harmless and still move the results by half a point. So
for anything that touches the model or the training loop, I ask for a short training run on the
small configuration and, if possible, the full result. Some contributors find that demanding,
but after we merged one innocent-looking change that broke the released numbers, I became
careful.

I: Do you have contact with the authors of the original paper?

P: Occasionally. When we couldn't match one of their ablation results, I wrote to them, and they
were kind enough to share a detail about the learning rate schedule that wasn't in the paper.
I documented it in the README with a note that it came from the authors. Sometimes users ask me
questions about the paper that only the authors can answer, and then I'm in an odd position,
because people treat the re-implementation as the reference.

I: How do releases work in your project?

P: We tag a release every few months. Before a release I run the full training for the main
configurations and compare with the previous release. If something moved, I investigate before
tagging. Then I update the model zoo table and the changelog. It's a lot of compute for a side
project; my group lets me use idle time on our cluster, otherwise it wouldn't be possible.

I: Are there issues that turn out not to be defects at all?

P: Many. Questions about how to train on a custom dataset, feature requests, people who want
help with their own projects. I label them and answer when I can. The hard part is that users
often describe a misunderstanding as a bug, and a real bug as a question. So the labels on the
issues are a rough guide at best. If you study issue trackers, I would not trust them blindly.

I: How do you decide whether an issue is really a defect of your code?

P: I try to reproduce it with the default configuration in a clean environment. If I can, it's
ours. If I can only reproduce it with the user's data or their modified config, it's usually a
usage problem, but sometimes it's a real defect that only shows up outside the benchmark, like
images without any objects, or very small images. Those edge cases are real bugs, even if the
benchmark never triggers them, and I fix them when I can.

I: Has the kind of issues changed over the years?

P: Yes. In the beginning it was mostly installation problems and crashes. As the project
matured and the installation got easier, the share of questions about accuracy and
reproducibility grew. And recently many issues are about deployment: exporting the model,
running it on edge devices, speeding up inference. I think that reflects who uses the project
now: fewer researchers, more engineers who want to ship something.

I: Do you think the project will still be maintained in five years?

P: Honestly, I don't know. Re-implementations have a natural life cycle: the model gets
replaced by a better one, and people move on. I'd like to at least leave it in a state where
the pinned versions still install and the documentation explains the known limitations. That
seems to be the minimum you owe the people who built on it.

I: Is there anything else you'd like to tell us?

P: I think studies like yours are useful if they reach maintainers. Most of us learn these
things by suffering through them. A list of the common defect types and where they are found
would help new projects to set up their tests and templates from the start.

I: Thank you, that's a great point. Thanks for your time.

P: Thanks, good luck with the analysis.
"""

TRANSCRIPTS: dict[str, str] = {
    "P01": P01,
    "P02": P02,
    "P03": P03,
    "P04": P04,
    "P05": P05,
    "P06": P06,
}
