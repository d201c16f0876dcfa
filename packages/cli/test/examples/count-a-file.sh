printf 'The cat saw the hat; the cat sat.\n' > notes.txt
npx wordfreq count --top 2 notes.txt     # the top 2 words of notes.txt
mkdir -p texts/more && cp notes.txt texts/ && printf 'the hat\n' > texts/more/hat.txt
npx wordfreq corpus --top 2 texts        # the top 2 words of every file under texts/, as one corpus
npx wordfreq --version                   # the installed version
